package org.timeledger.redemption;

import org.timeledger.redemption.RedemptionViews.PartnerRedemptions;
import org.timeledger.redemption.RedemptionViews.RedemptionView;
import org.timeledger.support.Csv;

/**
 * A partner's statement as CSV, one redemption a line and a TOTAL line, as a spreadsheet opens
 * it; cells as {@link Csv} writes them (what the till or staff typed in quotes, defused).
 */
final class StatementCsv {
    private StatementCsv() {
    }

    static String of(PartnerRedemptions statement) {
        StringBuilder csv = new StringBuilder(
                "id,createdAt,status,offer,member,heldMinutes,capturedMinutes,refundedMinutes,tillReference,entryId\r\n");
        for (RedemptionView r : statement.items()) {
            csv.append(Csv.line(Csv.code(r.id()), Csv.code(r.createdAt()), Csv.code(r.status()), Csv.text(r.offerTitle()),
                    Csv.text(r.memberFirstName()), Csv.number(r.amountMinutes()), Csv.number(r.capturedMinutes()),
                    Csv.number(r.refundedMinutes()), Csv.text(r.tillReference()), Csv.code(r.entryId())));
        }
        var t = statement.totals();
        csv.append(Csv.line("TOTAL", "", "", "", "", "", Csv.number(t.capturedMinutes()), Csv.number(t.refundedMinutes()),
                Csv.text("net " + t.netMinutes()), Csv.text(t.count() + " redemptions")));
        return csv.toString();
    }
}
