package org.timeledger.schemes;

import org.timeledger.problem.Refusal;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import org.timeledger.problem.RejectedException;

import java.util.Map;

/**
 * A card number as a QR code, drawn in SVG: what a member shows at a till from their phone and
 * what a coordinator prints on a card. The code holds the 16 digits and nothing else, so any
 * scanner (a till's, a phone's) reads back the number printed beside it.
 */
public final class CardQr {
    public static final MediaType SVG = MediaType.of("image/svg+xml");
    /** The quiet zone scanners need around the code, in modules (ISO/IEC 18004 asks for 4). */
    private static final int QUIET_ZONE = 4;

    private CardQr() {
    }

    /** The card's QR code; an erased member has no card any more. */
    public static HttpResponse<String> of(Member member) {
        if (member.erased()) {
            throw new RejectedException(Refusal.NOT_FOUND,
                    "Member " + member.id() + " has no card: their personal data was erased.");
        }
        return HttpResponse.ok(svg(member.cardNumber())).contentType(SVG);
    }

    /** Dark modules as one path, each row's runs of dark modules one rectangle: small, and crisp at any size. */
    static String svg(String text) {
        BitMatrix matrix;
        try {
            // M: a quarter of the code may be smudged or scratched and it still reads
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0));
        } catch (WriterException e) {
            throw new IllegalStateException("a 16-digit card number always fits a QR code", e);
        }
        int size = matrix.getWidth() + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y++) {
            int x = 0;
            while (x < matrix.getWidth()) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < matrix.getWidth() && matrix.get(x, y)) {
                    x++;
                }
                path.append('M').append(start + QUIET_ZONE).append(' ').append(y + QUIET_ZONE)
                        .append('h').append(x - start).append("v1h-").append(x - start).append('z');
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\"><title>QR code of card number " + text + "</title>"
                + "<rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
