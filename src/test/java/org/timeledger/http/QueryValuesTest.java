package org.timeledger.http;

import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** A query value that is empty or of the wrong kind is refused in the service's own words. */
class QueryValuesTest extends ServiceTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }

    @Test
    void anEmptyValueIsRefusedNotTakenAsAbsent() {
        String code = createScheme().get("code").asText();
        Api api = admin.outsideContract();

        for (String query : new String[] {"limit=", "cursor=", "limit=5&cursor=", "status=&limit=5"}) {
            Api.Reply reply = api.get("/v1/schemes/" + code + "/members?" + query);

            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.code()).as(query).isEqualTo("validation_failed");
            assertThat(reply.json().get("detail").asText()).as(query).contains("has no value: give one, or leave the parameter out");
            assertThat(reply.json().get("errors").get(0).get("field").asText()).as(query)
                    .isEqualTo(query.contains("cursor=") ? "cursor" : query.startsWith("status") ? "status" : "limit");
            assertThat(reply.json().get("requestId").asText()).as(query).startsWith("req_");
        }
        assertThat(api.get("/v1/schemes/" + code + "/members?limit=5").status()).isEqualTo(200);
        assertThat(anonymous.outsideContract().get("/v1/schemes/" + code + "/members?limit=").status())
                .as("no credentials: 401 before anything else").isEqualTo(401);
    }

    @Test
    void aNumberThatIsNotOneIsSaidInWords() {
        String code = createScheme().get("code").asText();

        Api.Reply reply = admin.outsideContract().get("/v1/schemes/" + code + "/members?limit=abc");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asText()).isEqualTo("The value 'abc' of limit is not valid: it must be a whole number.")
                .doesNotContain("For input string");
    }
}
