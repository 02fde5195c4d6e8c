package org.timeledger.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.RawHttp;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestDatabase;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the HTTP layer itself refuses, before any route or filter of ours sees the request: an
 * address or headers over the configured limits (414, 431), a request it cannot parse (400), and
 * a request whose body's length could be read two ways (request smuggling), which is refused
 * and its connection closed. Each answer is a problem like any other, with a request id and the
 * security headers. Raw sockets, because no well-behaved client sends any of these.
 */
class HttpLayerTest extends ServiceTest {
    /** Lower than the defaults, to show that the limits are the configured ones. */
    private static final int MAX_REQUEST_LINE = 2_000;
    private static final int MAX_HEADERS = 6_000;

    /** Sent after a refused request on the same connection: it must get no answer. */
    private static final String FOLLOWING = "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.server.netty.max-initial-line-length", Integer.toString(MAX_REQUEST_LINE),
                "micronaut.server.netty.max-header-size", Integer.toString(MAX_HEADERS));
    }

    private List<RawHttp.Answer> exchange(String requests) {
        return new RawHttp("localhost", server.getPort()).exchange(requests.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The one answer to a refused request, checked as a client would: status, problem, request id, security headers. */
    private static JsonNode refused(List<RawHttp.Answer> answers, int status, String code) throws Exception {
        assertThat(answers).as("answers on the connection: the one refusal, then it is closed").hasSize(1);
        RawHttp.Answer answer = answers.get(0);
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.header("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = Api.JSON.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("detail").asText()).isNotBlank()
                .doesNotContainIgnoringCase("netty").doesNotContainIgnoringCase("exception");
        assertThat(answer.header("x-request-id")).hasValueSatisfying(id -> assertThat(id).isNotBlank());
        assertThat(problem.get("requestId").asText()).isEqualTo(answer.header("x-request-id").orElseThrow());
        assertThat(answer.header("content-security-policy")).contains("default-src 'none'; frame-ancestors 'none'");
        assertThat(answer.header("x-frame-options")).contains("DENY");
        assertThat(answer.header("x-content-type-options")).contains("nosniff");
        assertThat(answer.header("referrer-policy")).contains("no-referrer");
        assertThat(answer.header("cache-control")).contains("no-store");
        assertThat(answer.header("strict-transport-security")).contains("max-age=31536000");
        assertThat(answer.header("connection")).contains("close");
        return problem;
    }

    @Test
    void anAddressOverTheLimitIs414() throws Exception {
        String target = "/v1/schemes/" + "a".repeat(MAX_REQUEST_LINE);

        JsonNode problem = refused(exchange("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n" + FOLLOWING),
                414, "uri_too_long");

        assertThat(problem.get("detail").asText()).contains(Integer.toString(MAX_REQUEST_LINE));
    }

    @Test
    void headersOverTheLimitAre431() throws Exception {
        String head = "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Filler: " + "a".repeat(MAX_HEADERS) + "\r\n\r\n";

        JsonNode problem = refused(exchange(head + FOLLOWING), 431, "headers_too_large");

        assertThat(problem.get("detail").asText()).contains(Integer.toString(MAX_HEADERS));
    }

    @Test
    void aRequestTheHttpLayerCannotParseIsA400Problem() throws Exception {
        for (String head : List.of(
                "GET /health HTTP/1.1\r\nHost: localhost\r\nno colon in this line\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: localhost\r\nBad Name: x\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Value: a\u0001b\r\n\r\n",
                "GET /health HTTP/9.z\r\nHost: localhost\r\n\r\n")) {
            refused(exchange(head + FOLLOWING), 400, "validation_failed");
        }
    }

    @Test
    void aRequestWithBothContentLengthAndTransferEncodingIsRefusedAndItsConnectionClosed() throws Exception {
        String head = "POST /login HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: smuggle-1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";

        List<RawHttp.Answer> answers = exchange(head + FOLLOWING);

        JsonNode problem = refused(answers, 400, "validation_failed");
        assertThat(problem.get("detail").asText()).contains("Content-Length").contains("Transfer-Encoding");
        // every header was read, so the caller's request id is kept
        assertThat(answers.get(0).header("x-request-id")).contains("smuggle-1");
    }

    @Test
    void aFoldedHeaderLineIsRefusedAndItsConnectionClosed() throws Exception {
        for (String fold : List.of(" ", "\t")) {
            String head = "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Note: one\r\n" + fold + "two\r\n\r\n";

            JsonNode problem = refused(exchange(head + FOLLOWING), 400, "validation_failed");

            assertThat(problem.get("detail").asText()).contains("continues");
        }
    }

    @Test
    void contentLengthsThatDisagreeOrRepeatAreRefusedAndTheConnectionClosed() throws Exception {
        for (String lengths : List.of("Content-Length: 2\r\nContent-Length: 5\r\n", "Content-Length: 2\r\nContent-Length: 2\r\n",
                "Content-Length: 2, 5\r\n", "Content-Length: -1\r\n", "Content-Length: 0x2\r\n")) {
            String head = "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + lengths + "\r\n{}";

            refused(exchange(head + FOLLOWING), 400, "validation_failed");
        }
    }

    @Test
    void aTransferEncodingOtherThanChunkedAloneIsRefusedAndTheConnectionClosed() throws Exception {
        for (String encoding : List.of("Transfer-Encoding: gzip\r\n", "Transfer-Encoding: chunked, gzip\r\n",
                "Transfer-Encoding: gzip, chunked\r\n", "Transfer-Encoding: identity\r\n", "Transfer-Encoding: xchunked\r\n",
                "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n")) {
            String head = "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + encoding
                    + "\r\n2\r\n{}\r\n0\r\n\r\n";

            JsonNode problem = refused(exchange(head + FOLLOWING), 400, "validation_failed");

            assertThat(problem.get("detail").asText()).as(encoding).contains("Transfer-Encoding");
        }
    }

    @Test
    void anHttp10RequestWithATransferEncodingIsRefusedAndTheConnectionClosed() throws Exception {
        String head = "POST /login HTTP/1.0\r\nHost: localhost\r\nConnection: keep-alive\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";

        refused(exchange(head + FOLLOWING), 400, "validation_failed");
    }

    /** Netty reads these; the framework cannot parse their address, and refuses them after the filters let go. */
    @Test
    void anAddressTheFrameworkCannotParseIsRefusedWithTheSecurityHeadersToo() throws Exception {
        for (String target : List.of("/v1/schemes/%zz", "/v1/schemes?x=%g1", "/v1/schemes/a\u0001b")) {
            RawHttp.Answer answer = exchange("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").get(0);

            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(Api.JSON.readTree(answer.body()).get("code").asText()).isEqualTo("validation_failed");
            assertThat(answer.header("x-request-id")).as(target).isPresent();
            assertThat(answer.header("content-security-policy")).as(target).contains("default-src 'none'; frame-ancestors 'none'");
            assertThat(answer.header("x-content-type-options")).as(target).contains("nosniff");
            assertThat(answer.header("cache-control")).as(target).contains("no-store");
        }
    }

    /**
     * What the checks above must leave alone: keep-alive, chunked bodies, HTTP/1.0, and bodies
     * whose lines start with spaces or tabs (pretty-printed JSON), which are not headers.
     */
    @Test
    void wellFormedRequestsStillShareAConnectionAndChunkedBodiesAndHttp10StillWork() throws Exception {
        String login = "{\r\n  \"username\": \"admin\",\r\n\t\"password\": \"" + ADMIN_PASSWORD + "\"\r\n}";
        String chunked = Integer.toHexString(login.length()) + "\r\n" + login + "\r\n0\r\n\r\n";
        List<RawHttp.Answer> answers = exchange(
                "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunked
                + "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + login.length() + "\r\n\r\n" + login
                + "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Long: " + "a".repeat(MAX_HEADERS / 2) + "\r\n\r\n"
                + "GET /health?q=" + "a".repeat(MAX_REQUEST_LINE / 2) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + FOLLOWING);

        assertThat(answers).extracting(RawHttp.Answer::status).containsExactly(200, 200, 200, 200, 200, 200);
        assertThat(answers.get(1).text()).contains("access_token");
        assertThat(answers.get(2).text()).contains("access_token");

        List<RawHttp.Answer> http10 = exchange("GET /health HTTP/1.0\r\n\r\n");
        assertThat(http10).extracting(RawHttp.Answer::status).containsExactly(200);
    }
}
