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

    private static JsonNode ward(JsonNode period, String name) {
        for (JsonNode row : period.get("byWard")) {
            if (row.get("ward").asText().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("no ward " + name + " in " + period);
    }
}
