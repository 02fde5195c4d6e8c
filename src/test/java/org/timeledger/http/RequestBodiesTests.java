package org.timeledger.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.RawHttp;
import org.timeledger.testing.ServiceTest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;
import org.timeledger.web.Idempotency;

/**
 * What a request must be before any route reads it (http/UriGuard, http/RequestBodies): the
 * regressions the API fuzzer (ApiFuzzTests) found, one by one, and the request body limit.
 */
public abstract class RequestBodiesTests extends ServiceTest {

    private RawHttp raw() {
        return new RawHttp("localhost", server.getPort());
    }

    private String bearer() {
        return admin.credentials()[1];
    }

    private RawHttp.Answer post(String path, String contentType, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: " + bearer() + "\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (Arrays.stream(headers).noneMatch("Transfer-Encoding"::equals)) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        return raw().send(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1), body);
    }

    private static JsonNode problem(RawHttp.Answer answer) throws Exception {
        assertThat(answer.header("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        return Api.JSON.readTree(answer.body());
    }

    private long entries() throws Exception {
        try (var c = sql(); var s = c.createStatement(); var r = s.executeQuery("SELECT COUNT(*) FROM journal_entry")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** A transfer of one minute from issuance to a new member: valid JSON, as text. */
    private String[] transfer() {
        JsonNode scheme = createScheme();
        String member = registerMember(scheme.get("code").asText(), "Ada").get("accountId").asText();
        String path = "/v1/schemes/" + scheme.get("code").asText() + "/transfers";
        String body = "{\"fromAccountId\":\"" + scheme.get("issuanceAccountId").asText() + "\",\"toAccountId\":\"" + member
                + "\",\"amountMinutes\":1,\"type\":\"ADJUSTMENT\"}";
        return new String[] {path, body};
    }

    @Test
    void aJsonBodyOverOneMegabyteIsA413ProblemTheClientCanRead() throws Exception {
        String[] transfer = transfer();
        long before = entries();
        byte[] body = (transfer[1] + " ".repeat(1024 * 1024)).getBytes(StandardCharsets.UTF_8);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(server.getURI() + transfer[0]))
                .header("Authorization", bearer()).header("Content-Type", "application/json")
                .header("Idempotency-Key", newKey()).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = Api.JSON.readTree(answer.body());
        assertThat(problem.get("code").asText()).isEqualTo("request_entity_too_large");
        assertThat(problem.get("detail").asText()).contains("1 MB");
        assertThat(entries()).isEqualTo(before);
    }

    @Test
    void aJsonBodyStreamedWithoutALengthIsHeldToOneMegabyteToo() throws Exception {
        String[] transfer = transfer();
        byte[] body = (transfer[1] + " ".repeat(2 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // ofInputStream has no known length: the client sends it chunked
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(server.getURI() + transfer[0]))
                .header("Authorization", bearer()).header("Content-Type", "application/json")
                .header("Idempotency-Key", newKey())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(Api.JSON.readTree(answer.body()).get("code").asText()).isEqualTo("request_entity_too_large");
    }

    @Test
    void aBodyWithoutAContentTypeOrWithOneThatIsNotAMediaTypeIs415() throws Exception {
        String[] transfer = transfer();
        long before = entries();

        RawHttp.Answer none = post(transfer[0], null, transfer[1].getBytes(StandardCharsets.UTF_8), "Idempotency-Key", newKey());
        RawHttp.Answer garbage = post(transfer[0], "garbage", transfer[1].getBytes(StandardCharsets.UTF_8),
                "Idempotency-Key", newKey());

        assertThat(none.status()).isEqualTo(415);
        assertThat(problem(none).get("code").asText()).isEqualTo("unsupported_media_type");
        assertThat(garbage.status()).isEqualTo(415);
        assertThat(problem(garbage).get("detail").asText()).contains("'garbage' is not a media type");
        assertThat(entries()).isEqualTo(before);
    }

    @Test
    void jsonWithMoreAfterItsValueIsRefusedAndMovesNothing() throws Exception {
        String[] transfer = transfer();
        long before = entries();

        RawHttp.Answer twice = post(transfer[0], "application/json",
                (transfer[1] + transfer[1].replace("\"amountMinutes\":1", "\"amountMinutes\":600")).getBytes(StandardCharsets.UTF_8),
                "Idempotency-Key", newKey());
        RawHttp.Answer brace = post(transfer[0], "application/json", (transfer[1] + "}").getBytes(StandardCharsets.UTF_8),
                "Idempotency-Key", newKey());

        assertThat(twice.status()).isEqualTo(400);
        assertThat(problem(twice).get("detail").asText()).contains("one JSON value");
        assertThat(brace.status()).isEqualTo(400);
        assertThat(entries()).isEqualTo(before);
    }

    @Test
    void jsonThatIsNotUtf8IsRefused() throws Exception {
        String[] transfer = transfer();
        long before = entries();

        RawHttp.Answer utf16 = post(transfer[0], "application/json", transfer[1].getBytes(StandardCharsets.UTF_16),
                "Idempotency-Key", newKey());

        assertThat(utf16.status()).isEqualTo(400);
        assertThat(problem(utf16).get("detail").asText()).contains("UTF-8");
        assertThat(entries()).isEqualTo(before);
    }

    @Test
    void aChunkedJsonBodyWhoseFramingIsBrokenIsNotReadAsAnEmptyBody() throws Exception {
        // a capture's body is optional (no body: capture all that is held), so a body lost to broken
        // framing must not count as none
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        MemberLogin ada = memberLogin(code, "Ada");
        issue(scheme, ada.accountId(), 60);
        String partner = admin.post("/v1/schemes/" + code + "/partners", object("name", "Pool")).field("id");
        Api till = till(partner);
        String hold = till.post("/v1/redemptions", object("cardNumber", ada.cardNumber(), "amountMinutes", 30,
                "tillReference", "r"), "Idempotency-Key", newKey()).field("id");
        long before = entries();

        String head = "POST /v1/redemptions/" + hold + "/capture HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + till.credentials()[0] + ": " + till.credentials()[1] + "\r\nContent-Type: application/json\r\n"
                + "Idempotency-Key: " + newKey() + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        RawHttp.Answer broken = raw().send(head.getBytes(StandardCharsets.ISO_8859_1),
                "zz\r\n{\"amountMinutes\":1}\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(broken.status()).isEqualTo(400);
        assertThat(problem(broken).get("code").asText()).isEqualTo("validation_failed");
        assertThat(entries()).isEqualTo(before);
    }

    @Test
    void anAddressThatIsNotPercentEncodedUtf8IsRefused() throws Exception {
        String code = createScheme().get("code").asText();
        for (String target : new String[] {"/v1/schemes/" + code + "/members?limit=10&x=%FF",
                "/v1/schemes/" + code + "/members?%00=x", "/v1/schemes/" + code + "%C3%28",
                "/v1/schemes/" + code + "/members?x=\u00e9"}) {
            RawHttp.Answer answer = raw().send(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Authorization: " + bearer() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), null);

            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(problem(answer).get("code").asText()).isEqualTo("validation_failed");
        }
    }

    @Test
    void jsonNestedTooDeeplyIsA400EvenWhereTheFrameworkReadsTheBody() throws Exception {
        String nested = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        byte[] body = ("{\"grant_type\":\"refresh_token\",\"refresh_token\":\"x\",\"e\":" + nested + "}")
                .getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer answer = raw().send(("POST /oauth/access_token HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1), body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(problem(answer).get("detail").asText()).contains("nested too deeply");
    }

    @Test
    void anErrorAModuleAnswersWithAStatusAloneGetsAProblemBody() {
        Api.Reply refused = anonymous.get("/oauth/access_token?grant_type=refresh_token&refresh_token=x");

        assertThat(refused.status()).isEqualTo(405);
        assertThat(refused.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.code()).isEqualTo("method_not_allowed");
    }
}
