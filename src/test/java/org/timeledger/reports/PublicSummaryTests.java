package org.timeledger.reports;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/** The transparency page: open to anyone, without a name or an id, small groups hidden. */
public abstract class PublicSummaryTests extends ServiceTest {

    @Test
    void anyoneSeesTheFiguresButNobodyCanBePickedOut() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String organisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Secret Garden Group")).field("id");
        expect(admin.post("/v1/schemes/" + code + "/categories", object("code", "gardening", "name", "Gardening")), 201);
        List<String> identifying = new ArrayList<>(List.of(organisation, "Secret Garden Group", code + "-nobody"));
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        for (int i = 0; i < 13; i++) {
            String ward = i < 6 ? "Brixton" : i < 11 ? "Clapham" : "Tiny Ward";
            JsonNode member = admin.post("/v1/schemes/" + code + "/members", object("displayName", "Zebedee" + i + " Quux",
                    "ward", ward)).json();
            identifying.addAll(List.of(member.get("id").asText(), "Zebedee" + i, member.get("cardNumber").asText(),
                    member.get("accountId").asText()));
            String activity = admin.post("/v1/schemes/" + code + "/activities", object("memberId", member.get("id").asText(),
                    "organisationId", organisation, "date", today.toString(), "minutes", 60 + i, "categoryCode", "gardening"),
                    "Idempotency-Key", newKey()).field("id");
            expect(admin.post("/v1/activities/" + activity + "/approval", null, "Idempotency-Key", newKey()), 200);
        }

        Api.Reply page = anonymous.get("/v1/public/schemes/" + code + "/summary");

        assertThat(page.status()).isEqualTo(200);
        JsonNode lifetime = page.json().get("lifetime");
        assertThat(lifetime.get("minutesVolunteered").asLong()).isEqualTo(13 * 60 + 78);
        assertThat(lifetime.get("activeVolunteers").asLong()).isEqualTo(13);
        JsonNode brixton = ward(lifetime, "Brixton");
        JsonNode tiny = ward(lifetime, "Tiny Ward");
        assertThat(brixton.get("volunteers").asLong()).isEqualTo(6);
        assertThat(brixton.get("minutesVolunteered").asLong()).isEqualTo(6 * 60 + 15);
        assertThat(tiny.get("volunteers").asText()).isEqualTo("<5");
        assertThat(tiny.get("newMembers").asText()).isEqualTo("<5");
        assertThat(tiny.get("minutesVolunteered").asText()).isEqualTo("withheld");
        JsonNode clapham = ward(lifetime, "Clapham");
        assertThat(clapham.get("volunteers").asLong()).isEqualTo(5);
        assertThat(clapham.get("minutesVolunteered").asText())
                .as("withheld too, or the total less Brixton would give the tiny ward's minutes away").isEqualTo("withheld");
        JsonNode gardening = lifetime.get("byCategory").get(0);
        assertThat(gardening.get("minutesVolunteered").asLong()).as("one category of 13 volunteers").isEqualTo(13 * 60 + 78);
        assertThat(page.json().get("last12Months").get("approvedActivities").asLong()).isEqualTo(13);
        assertThat(page.json().get("reconciliation").get("balanced").asBoolean()).isTrue();
        for (String secret : identifying) {
            assertThat(page.body()).as("no names or ids").doesNotContain(secret);
        }
        assertThat(page.body()).doesNotContain("mem_").doesNotContain("acc_").doesNotContain("org_");
        assertThat(anonymous.get("/v1/public/schemes/no-such-scheme/summary").status()).isEqualTo(404);
    }

    @Test
    void exchangeHoursAreShownAndSmallGroupsOfThemWithheld() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        for (String category : List.of("shopping", "gardening")) {
            expect(admin.post("/v1/schemes/" + code + "/categories", object("code", category, "name", category)), 201);
        }
        List<String> payers = new ArrayList<>();
        List<String> identifying = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            JsonNode payer = admin.post("/v1/schemes/" + code + "/members", object("displayName", "Payer" + i + " Quux")).json();
            issue(scheme, payer.get("accountId").asText(), 300);
            payers.add(payer.get("id").asText());
            identifying.addAll(List.of(payer.get("id").asText(), "Payer" + i));
        }
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        // helpers by ward: six in Brixton (an hour of shopping each), five in Clapham (45 minutes),
        // two in Tiny Ward (half an hour of gardening each); the i-th helper of a ward helps the i-th payer
        String[][] wards = {{"Brixton", "6", "60", "shopping"}, {"Clapham", "5", "45", "shopping"}, {"Tiny Ward", "2", "30", "gardening"}};
        String lastEntry = null;
        for (String[] ward : wards) {
            for (int i = 0; i < Integer.parseInt(ward[1]); i++) {
                JsonNode helper = admin.post("/v1/schemes/" + code + "/members", object("displayName",
                        "Helper" + ward[0].charAt(0) + i + " Quux", "ward", ward[0])).json();
                identifying.addAll(List.of(helper.get("id").asText(), "Helper" + ward[0].charAt(0) + i));
                Api.Reply exchange = admin.post("/v1/schemes/" + code + "/exchanges", object("fromMemberId", payers.get(i),
                        "toMemberId", helper.get("id").asText(), "minutes", Integer.parseInt(ward[2]), "categoryCode", ward[3],
                        "date", today.toString(), "description", "Zanzibar errand"), "Idempotency-Key", newKey());
                expect(exchange, 201);
                lastEntry = exchange.field("entryId");
            }
        }
        // one more, recorded by mistake and reversed: it counts nowhere
        Api.Reply mistake = admin.post("/v1/schemes/" + code + "/exchanges", object("fromMemberId", payers.get(0),
                "toMemberId", payers.get(1), "minutes", 120, "categoryCode", "gardening", "date", today.toString(),
                "description", "Zanzibar errand"), "Idempotency-Key", newKey());
        expect(mistake, 201);
        expect(admin.post("/v1/entries/" + mistake.field("entryId") + "/reversal", object("reason", "recorded twice"),
                "Idempotency-Key", newKey()), 201);

        Api.Reply page = anonymous.get("/v1/public/schemes/" + code + "/summary");

        assertThat(page.status()).isEqualTo(200);
        JsonNode lifetime = page.json().get("lifetime");
        assertThat(lifetime.get("minutesExchanged").asLong()).as("6 payers and 13 helpers: enough to show")
                .isEqualTo(6 * 60 + 5 * 45 + 2 * 30);
        assertThat(lifetime.get("exchanges").asLong()).isEqualTo(13);
        assertThat(lifetime.get("activeMembers").asLong()).as("the helpers; nobody volunteered").isEqualTo(13);
        assertThat(lifetime.get("activeVolunteers").asLong()).isZero();
        JsonNode tiny = ward(lifetime, "Tiny Ward");
        assertThat(tiny.get("minutesExchanged").asText()).isEqualTo("withheld");
        assertThat(tiny.get("exchanges").asText()).isEqualTo("withheld");
        assertThat(tiny.get("helpers").asText()).isEqualTo("<5");
        assertThat(ward(lifetime, "Clapham").get("minutesExchanged").asText())
                .as("withheld too, or the total less Brixton would give the tiny ward's hours away").isEqualTo("withheld");
        assertThat(ward(lifetime, "Brixton").get("minutesExchanged").asLong()).isEqualTo(6 * 60);
        assertThat(ward(lifetime, "Brixton").get("helpers").asLong()).isEqualTo(6);
        JsonNode gardening = category(lifetime, "gardening");
        assertThat(gardening.get("minutesExchanged").asText()).as("two payers, two helpers").isEqualTo("withheld");
        assertThat(gardening.get("helpers").asText()).isEqualTo("<5");
        assertThat(category(lifetime, "shopping").get("minutesExchanged").asText())
                .as("the only other category, so withheld with it").isEqualTo("withheld");
        assertThat(page.json().get("last12Months").get("minutesExchanged").asLong()).isEqualTo(645);
        for (String secret : identifying) {
            assertThat(page.body()).as("no names or ids").doesNotContain(secret);
        }
        assertThat(page.body()).doesNotContain("Zanzibar").doesNotContain(lastEntry);
    }

    private static JsonNode category(JsonNode period, String name) {
        for (JsonNode row : period.get("byCategory")) {
            if (row.get("category").asText().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("no category " + name + " in " + period);
    }

    private static JsonNode ward(JsonNode period, String name) {
        for (JsonNode row : period.get("byWard")) {
            if (row.get("ward").asText().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("no ward " + name + " in " + period);
    }
}
