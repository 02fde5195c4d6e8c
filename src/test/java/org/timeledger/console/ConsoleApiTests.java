package org.timeledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/** What the console needs from the API beyond what integrations used: who am I, lists to choose from, card QR codes. */
abstract class ConsoleApiTests extends ServiceTest {
    private String code;
    private String organisation;
    private String otherOrganisation;
    private String partner;
    private MemberLogin ada;

    @BeforeAll
    void scheme() {
        code = createScheme("name", "Castlehaven Timebank").get("code").asText();
        organisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Lunch club")).field("id");
        otherOrganisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Garden group")).field("id");
        partner = admin.post("/v1/schemes/" + code + "/partners", object("name", "Leisure centre")).field("id");
        ada = memberLogin(code, "Ada");
    }

    @Test
    void eachCallerLearnsWhoTheyAre() {
        JsonNode all = admin.get("/v1/session").json();
        assertThat(all.get("role").asText()).isEqualTo("ADMIN");
        assertThat(all.get("allSchemes").asBoolean()).isTrue();
        assertThat(all.get("name").asText()).isEqualTo("admin");
        assertThat(all.has("scheme")).isFalse();

        JsonNode coordinator = staff(code, "COORDINATOR", organisation).get("/v1/session").json();
        assertThat(coordinator.get("role").asText()).isEqualTo("COORDINATOR");
        assertThat(coordinator.get("allSchemes").asBoolean()).isFalse();
        assertThat(coordinator.get("scheme").get("id").asText()).isEqualTo(code);
        assertThat(coordinator.get("scheme").get("name").asText()).isEqualTo("Castlehaven Timebank");
        assertThat(coordinator.get("organisations").findValuesAsText("name")).containsExactly("Lunch club");

        JsonNode member = ada.api().get("/v1/session").json();
        assertThat(member.get("role").asText()).isEqualTo("MEMBER");
        assertThat(member.get("memberId").asText()).isEqualTo(ada.memberId());
        assertThat(member.get("name").asText()).isEqualTo("Ada");

        JsonNode till = till(partner).get("/v1/session").json();
        assertThat(till.get("role").asText()).isEqualTo("PARTNER");
        assertThat(till.get("partner").get("id").asText()).isEqualTo(partner);
        assertThat(till.get("name").asText()).isEqualTo("Leisure centre");

        assertThat(anonymous.get("/v1/session").status()).isEqualTo(401);
    }

    @Test
    void organisationsAreListedToThoseWhoMaySeeThem() {
        assertThat(names(admin, "/v1/schemes/" + code + "/organisations")).containsExactlyInAnyOrder("Lunch club", "Garden group");
        assertThat(names(ada.api(), "/v1/schemes/" + code + "/organisations")).containsExactlyInAnyOrder("Lunch club", "Garden group");
        assertThat(names(staff(code, "COORDINATOR", otherOrganisation), "/v1/schemes/" + code + "/organisations"))
                .containsExactly("Garden group");
        assertThat(names(staff(code, "AUDITOR"), "/v1/schemes/" + code + "/partners")).containsExactly("Leisure centre");
        // another scheme's member sees none of this scheme's
        String other = createScheme().get("code").asText();
        assertThat(memberLogin(other, "Stranger").api().get("/v1/schemes/" + code + "/organisations").status()).isEqualTo(404);
    }

    @Test
    void listsArePagedWithACursor() {
        String paged = createScheme().get("code").asText();
        for (int i = 0; i < 5; i++) {
            admin.post("/v1/schemes/" + paged + "/partners", object("name", "Venue " + i));
        }
        JsonNode first = admin.get("/v1/schemes/" + paged + "/partners?limit=2").json();
        JsonNode second = admin.get("/v1/schemes/" + paged + "/partners?limit=2&cursor=" + first.get("nextCursor").asText()).json();
        JsonNode third = admin.get("/v1/schemes/" + paged + "/partners?limit=2&cursor=" + second.get("nextCursor").asText()).json();
        assertThat(first.get("items").size() + second.get("items").size() + third.get("items").size()).isEqualTo(5);
        assertThat(third.has("nextCursor")).isFalse();
        assertThat(List.of(first, second, third)).flatExtracting(p -> p.get("items").findValuesAsText("name"))
                .containsExactlyInAnyOrder("Venue 0", "Venue 1", "Venue 2", "Venue 3", "Venue 4");
    }

    @Test
    void theQrCodeOnACardReadsBackAsItsNumber() throws Exception {
        Api.Reply mine = ada.api().get("/v1/me/card/qr");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
        assertThat(decode(mine.body())).isEqualTo(ada.cardNumber());

        Api.Reply printed = staff(code, "COORDINATOR", organisation).get("/v1/members/" + ada.memberId() + "/card/qr");
        assertThat(decode(printed.body())).isEqualTo(ada.cardNumber());
        // after a replacement the code is the new number's
        String replaced = admin.post("/v1/members/" + ada.memberId() + "/card/replacement", null).field("cardNumber");
        assertThat(decode(admin.get("/v1/members/" + ada.memberId() + "/card/qr").body())).isEqualTo(replaced).isNotEqualTo(ada.cardNumber());
        // an auditor prints no cards; another scheme's coordinator sees no such member
        assertThat(staff(code, "AUDITOR").get("/v1/members/" + ada.memberId() + "/card/qr").status()).isEqualTo(403);
        String other = createScheme().get("code").asText();
        assertThat(staff(other, "ADMIN").get("/v1/members/" + ada.memberId() + "/card/qr").status()).isEqualTo(404);
    }

    @Test
    void anErasedMemberHasNoCardToPrint() {
        MemberLogin gone = memberLogin(code, "Gone");
        Api.Reply erased = admin.send("DELETE", "/v1/members/" + gone.memberId() + "/personal-data", null, "Idempotency-Key", newKey());
        assertThat(erased.status()).isLessThan(300);
        Api.Reply qr = admin.get("/v1/members/" + gone.memberId() + "/card/qr");
        assertThat(qr.status()).isEqualTo(404);
        assertThat(qr.code()).isEqualTo("not_found");
    }

    private static List<String> names(Api api, String path) {
        Api.Reply reply = api.get(path);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().get("items").findValuesAsText("name");
    }

    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z");

    /** Draws the SVG's modules at 4 pixels each, as a camera would see the printed code, and reads it with ZXing. */
    static String decode(String svg) throws Exception {
        Matcher size = Pattern.compile("viewBox=\"0 0 (\\d+) \\d+\"").matcher(svg);
        assertThat(size.find()).as(svg).isTrue();
        int modules = Integer.parseInt(size.group(1));
        int scale = 4;
        int[] pixels = new int[modules * scale * modules * scale];
        java.util.Arrays.fill(pixels, 0xFFFFFF);
        Matcher run = RUN.matcher(svg);
        while (run.find()) {
            int x0 = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            int length = Integer.parseInt(run.group(3));
            for (int x = x0; x < x0 + length; x++) {
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        pixels[(y * scale + dy) * modules * scale + x * scale + dx] = 0;
                    }
                }
            }
        }
        var source = new RGBLuminanceSource(modules * scale, modules * scale, pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }
}
