package org.timeledger.access;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/** Administering a scheme's staff and its tills' keys. */
public abstract class StaffAndKeysTests extends ServiceTest {

    @Test
    void aSchemeAdministratorCreatesStaffForTheirOwnScheme() {
        String code = createScheme().get("code").asText();
        String organisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Group")).field("id");
        Api schemeAdmin = staff(code, "ADMIN");

        Api.Reply coordinator = schemeAdmin.post("/v1/schemes/" + code + "/staff", object("username", "cora-" + database.kind(),
                "password", "coordinator-pass", "role", "COORDINATOR", "organisationIds", List.of(organisation)));

        assertThat(coordinator.status()).isEqualTo(201);
        assertThat(coordinator.field("role")).isEqualTo("COORDINATOR");
        assertThat(coordinator.field("schemeCode")).isEqualTo(code);
        assertThat(coordinator.json().get("organisationIds")).extracting(JsonNode::asText).containsExactly(organisation);
        assertThat(coordinator.body()).doesNotContain("coordinator-pass");
        Api cora = anonymous.login("cora-" + database.kind(), "coordinator-pass");
        assertThat(cora.get("/v1/organisations/" + organisation).status()).isEqualTo(200);
    }

    @Test
    void staffAreRefusedWithoutWhatTheirRoleNeeds() {
        String code = createScheme().get("code").asText();
        String elsewhereOrganisation = admin.post("/v1/schemes/" + createScheme().get("code").asText() + "/organisations",
                object("name", "Elsewhere")).field("id");
        String organisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Here")).field("id");

        List<Api.Reply> invalid = List.of(
                createStaff(code, "COORDINATOR", "long-enough-pass", null),
                createStaff(code, "COORDINATOR", "long-enough-pass", List.of(elsewhereOrganisation)),
                createStaff(code, "AUDITOR", "long-enough-pass", List.of(organisation)),
                createStaff(code, "AUDITOR", "short", null),
                admin.post("/v1/schemes/" + code + "/staff", object("username", "no spaces", "password", "long-enough-pass",
                        "role", "AUDITOR")));
        Api.Reply taken = admin.post("/v1/schemes/" + code + "/staff", object("username", "admin", "password", "long-enough-pass",
                "role", "AUDITOR"));

        assertThat(invalid).allSatisfy(r -> assertThat(r.code()).as(r.toString()).isEqualTo("validation_failed"));
        assertThat(invalid.get(1).field("detail")).contains(elsewhereOrganisation);
        assertThat(taken.code()).isEqualTo("username_taken");
    }

    @Test
    void anApiKeyIsShownOnceListedWithoutItsSecretAndRevocable() {
        String code = createScheme().get("code").asText();
        String partner = admin.post("/v1/schemes/" + code + "/partners", object("name", "Pool")).field("id");

        Api.Reply created = admin.post("/v1/partners/" + partner + "/api-keys", object("label", "Front desk"));
        String key = created.field("key");
        Api till = anonymous.withApiKey(key);
        assertThat(till.get("/v1/partners/" + partner).status()).isEqualTo(200);
        Api.Reply listed = admin.get("/v1/partners/" + partner + "/api-keys");

        assertThat(created.status()).isEqualTo(201);
        assertThat(key).startsWith("tlk_");
        // the secret is the last 43 characters (it may itself contain '_', so not "after the last _")
        assertThat(listed.body()).doesNotContain(key.substring(key.length() - 43));
        JsonNode listedKey = listed.json().get("items").get(0);
        assertThat(listedKey.get("label").asText()).isEqualTo("Front desk");
        assertThat(listedKey.has("lastUsedAt")).as("used once").isTrue();
        assertThat(listedKey.has("revokedAt")).isFalse();

        assertThat(admin.send("DELETE", "/v1/api-keys/" + created.field("id"), null).status()).isEqualTo(204);
        assertThat(till.get("/v1/partners/" + partner).status()).as("the very next request").isEqualTo(401);
        assertThat(admin.send("DELETE", "/v1/api-keys/" + created.field("id"), null).status()).as("again").isEqualTo(204);
        assertThat(admin.get("/v1/partners/" + partner + "/api-keys").json().get("items").get(0).has("revokedAt")).isTrue();
        assertThat(admin.send("DELETE", "/v1/api-keys/key_NOTHING", null).status()).isEqualTo(404);
    }

    @Test
    void aTamperedOrForeignKeyGetsNothing() {
        String code = createScheme().get("code").asText();
        String partner = admin.post("/v1/schemes/" + code + "/partners", object("name", "Pool")).field("id");
        String key = admin.post("/v1/partners/" + partner + "/api-keys", object("label", "till")).field("key");
        String tampered = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");

        assertThat(anonymous.withApiKey(tampered).get("/v1/partners/" + partner).status()).isEqualTo(401);
        assertThat(anonymous.withApiKey("not-a-key").get("/v1/partners/" + partner).status()).isEqualTo(401);
        Api otherSchemeAdmin = staff(createScheme().get("code").asText(), "ADMIN");
        String keyId = admin.get("/v1/partners/" + partner + "/api-keys").json().get("items").get(0).get("id").asText();
        assertThat(otherSchemeAdmin.send("DELETE", "/v1/api-keys/" + keyId, null).status()).isEqualTo(404);
        assertThat(anonymous.withApiKey(key).get("/v1/partners/" + partner).status()).as("still working").isEqualTo(200);
    }

    private Api.Reply createStaff(String code, String role, String password, List<String> organisations) {
        var body = object("username", "staff-" + newKey(), "password", password, "role", role);
        if (organisations != null) {
            body.put("organisationIds", organisations);
        }
        return admin.post("/v1/schemes/" + code + "/staff", body);
    }
}
