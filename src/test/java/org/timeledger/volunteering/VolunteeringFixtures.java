package org.timeledger.volunteering;

import com.fasterxml.jackson.databind.JsonNode;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/** What the volunteering tests share: a scheme ready for logging, and requests as a coordinator sends them. */
abstract class VolunteeringFixtures extends ServiceTest {
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** A scheme with an organisation, its coordinator, and two categories (befriending needs vetting). */
    record World(JsonNode scheme, String code, String organisation, String organisationAccount, Api coordinator) {
    }

    World world(Object... schemeFields) {
        JsonNode scheme = createScheme(schemeFields);
        String code = scheme.get("code").asText();
        JsonNode organisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Lunch club")).json();
        expect(admin.post("/v1/schemes/" + code + "/categories", object("code", "shopping", "name", "Shopping")), 201);
        expect(admin.post("/v1/schemes/" + code + "/categories", object("code", "befriending", "name", "Befriending",
                "requiresVetting", true)), 201);
        String orgId = organisation.get("id").asText();
        return new World(scheme, code, orgId, organisation.get("accountId").asText(), staff(code, "COORDINATOR", orgId));
    }

    static LocalDate today() {
        return LocalDate.now(LONDON);
    }

    Api.Reply log(World w, Api as, String memberId, LocalDate date, long minutes, String category) {
        return as.post("/v1/schemes/" + w.code() + "/activities", object("memberId", memberId, "organisationId",
                w.organisation(), "date", date.toString(), "minutes", minutes, "categoryCode", category,
                "description", "Helped at the lunch club"), "Idempotency-Key", newKey());
    }

    Api.Reply approve(Api as, String activityId) {
        return as.post("/v1/activities/" + activityId + "/approval", null, "Idempotency-Key", newKey());
    }

    static void expectRule(Api.Reply reply, String rule) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
        assertThat(reply.code()).isEqualTo("rule_violated");
        assertThat(reply.field("rule")).isEqualTo(rule);
        assertThat(reply.field("detail")).isNotBlank();
    }

    Api.Reply vet(Api as, String memberId, String status, LocalDate checkedOn, LocalDate expiresOn) {
        Map<String, Object> body = object("status", status, "checkedOn", checkedOn.toString());
        if (expiresOn != null) {
            body.put("expiresOn", expiresOn.toString());
        }
        Api.Reply reply = as.send("PUT", "/v1/members/" + memberId + "/vetting", body);
        expect(reply, 200);
        return reply;
    }
}
