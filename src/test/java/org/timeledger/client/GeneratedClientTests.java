package org.timeledger.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.timeledger.client.generated.ApiClient;
import org.timeledger.client.generated.ApiException;
import org.timeledger.client.generated.ApiResponse;
import org.timeledger.client.generated.api.AccessApi;
import org.timeledger.client.generated.api.MembersApi;
import org.timeledger.client.generated.api.RedemptionApi;
import org.timeledger.client.generated.model.AccessToken;
import org.timeledger.client.generated.model.Capture;
import org.timeledger.client.generated.model.Card;
import org.timeledger.client.generated.model.CreateRefund;
import org.timeledger.client.generated.model.Entry;
import org.timeledger.client.generated.model.Gift;
import org.timeledger.client.generated.model.Login;
import org.timeledger.client.generated.model.Me;
import org.timeledger.client.generated.model.MeAccount;
import org.timeledger.client.generated.model.PlaceHold;
import org.timeledger.client.generated.model.Problem;
import org.timeledger.client.generated.model.Redemption;
import org.timeledger.client.generated.model.RedemptionStatus;
import org.timeledger.client.generated.model.Refund;
import org.timeledger.client.generated.model.StatementLine;
import org.timeledger.client.generated.model.StatementPage;
import org.timeledger.client.generated.model.TokenRefresh;
import org.timeledger.testing.ServiceTest;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * A Java client generated from openapi.yml by openapi-generator (its {@code native} library; see
 * the pom and docs/integrators.md) drives a till's and a member's whole flow against the running
 * service. Everything the flows do goes through the generated client alone: no request here is
 * written by hand. Only the setting up (a scheme, a member, credits, a partner's API key) is done
 * with the tests' own helpers, as an administrator would through the console.
 */
public abstract class GeneratedClientTests extends ServiceTest {

    @Test
    void aTillLooksUpACardHoldsRetriesCapturesAndRefundsThroughTheGeneratedClient() throws Exception {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        MemberLogin ada = memberLogin(code, "Ada Lovelace");
        issue(scheme, ada.accountId(), 600);
        RedemptionApi till = new RedemptionApi(client("X-API-Key", tillKey(code)));
        MembersApi member = new MembersApi(client("Authorization", "Bearer " + logIn(ada).getAccessToken()));

        Card card = till.lookUpCard(ada.cardNumber());
        assertThat(card.getFirstName()).isEqualTo("Ada");
        assertThat(card.getAccounts()).hasSize(1);
        assertThat(card.getAccounts().get(0).getOwn()).isTrue();
        assertThat(card.getAccounts().get(0).getAccountId()).isEqualTo(ada.accountId());
        assertThat(card.getAccounts().get(0).getAvailableMinutes()).isEqualTo(600);

        String holdKey = newKey();
        PlaceHold hold = new PlaceHold().cardNumber(ada.cardNumber()).amountMinutes(120L)
                .fundingAccountId(card.getAccounts().get(0).getAccountId()).tillReference("lane-3/receipt-20931");
        ApiResponse<Redemption> held = till.placeHoldWithHttpInfo(holdKey, hold);
        assertThat(held.getStatusCode()).isEqualTo(201);
        assertThat(header(held.getHeaders(), "Idempotent-Replayed")).isNotEqualTo("true");
        Redemption redemption = held.getData();
        assertThat(redemption.getStatus()).isEqualTo(RedemptionStatus.HELD);
        assertThat(redemption.getAmountMinutes()).isEqualTo(120);
        assertThat(redemption.getAvailableAfterMinutes()).isEqualTo(480);
        assertThat(redemption.getMemberFirstName()).isEqualTo("Ada");
        assertThat(redemption.getHoldExpiresAt()).isAfter(redemption.getCreatedAt());
        assertAccount(member, 600, 120, 480);

        // the till timed out and sends the same request again under the same key: the same
        // answer, marked as replayed, and nothing is held twice
        ApiResponse<Redemption> retried = till.placeHoldWithHttpInfo(holdKey, hold);
        assertThat(retried.getStatusCode()).isEqualTo(201);
        assertThat(header(retried.getHeaders(), "Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.getData().getId()).isEqualTo(redemption.getId());
        assertThat(retried.getData().getStatus()).isEqualTo(RedemptionStatus.HELD);
        assertAccount(member, 600, 120, 480);

        Redemption captured = till.captureHold(redemption.getId(), newKey(), new Capture().amountMinutes(90L));
        assertThat(captured.getStatus()).isEqualTo(RedemptionStatus.CAPTURED);
        assertThat(captured.getCapturedMinutes()).isEqualTo(90);
        assertThat(captured.getEntryId()).isNotBlank();
        assertThat(captured.getCapturedAt()).isNotNull();
        assertAccount(member, 510, 0, 510);

        Refund refund = till.refundRedemption(redemption.getId(), newKey(),
                new CreateRefund().amountMinutes(30L).reason("One lane was closed"));
        assertThat(refund.getRedemptionId()).isEqualTo(redemption.getId());
        assertThat(refund.getAmountMinutes()).isEqualTo(30);
        assertThat(refund.getRefundedTotalMinutes()).isEqualTo(30);
        assertThat(till.getRedemption(redemption.getId()).getRefundedMinutes()).isEqualTo(30);
        assertAccount(member, 540, 0, 540);

        List<StatementLine> statement = member.getOwnStatement(null, null, null).getItems();
        assertThat(statement).extracting(StatementLine::getType, StatementLine::getAmountMinutes, StatementLine::getBalanceAfterMinutes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(StatementLine.TypeEnum.REFUND, 30L, 540L),
                        org.assertj.core.groups.Tuple.tuple(StatementLine.TypeEnum.REDEMPTION, -90L, 510L),
                        org.assertj.core.groups.Tuple.tuple(StatementLine.TypeEnum.ADJUSTMENT, 600L, 600L));
    }

    @Test
    void aTillsRefusalsArriveAsTheGeneratedClientsExceptionWithAReadableProblemCode() throws Exception {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        MemberLogin ada = memberLogin(code, "Ada Lovelace");
        issue(scheme, ada.accountId(), 100);
        RedemptionApi till = new RedemptionApi(client("X-API-Key", tillKey(code)));
        MembersApi member = new MembersApi(client("Authorization", "Bearer " + logIn(ada).getAccessToken()));

        String tooMuchKey = newKey();
        PlaceHold tooMuch = new PlaceHold().cardNumber(ada.cardNumber()).amountMinutes(101L).tillReference("lane-1/receipt-1");
        ApiException refused = refused(() -> till.placeHold(tooMuchKey, tooMuch));
        assertThat(refused.getCode()).isEqualTo(422);
        assertThat(header(refused.getResponseHeaders().map(), "Content-Type")).startsWith("application/problem+json");
        Problem problem = problem(refused);
        assertThat(problem.getCode()).isEqualTo("insufficient_credits");
        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getDetail()).isNotBlank();
        assertThat(problem.getRequestId()).isNotBlank();

        // a refusal by a rule is answered again as it was under the same key, even after credits arrived
        issue(scheme, ada.accountId(), 100);
        ApiException replayed = refused(() -> till.placeHold(tooMuchKey, tooMuch));
        assertThat(problem(replayed).getCode()).isEqualTo("insufficient_credits");
        assertThat(header(replayed.getResponseHeaders().map(), "Idempotent-Replayed")).isEqualTo("true");
        // a new key is judged afresh
        Redemption redemption = till.placeHold(newKey(), tooMuch);
        assertThat(redemption.getStatus()).isEqualTo(RedemptionStatus.HELD);

        ApiException overCapture = refused(() -> till.captureHold(redemption.getId(), newKey(),
                new Capture().amountMinutes(102L)));
        assertThat(overCapture.getCode()).isEqualTo(422);
        assertThat(problem(overCapture).getCode()).isEqualTo("capture_exceeds_held");
        assertAccount(member, 200, 101, 99);

        Redemption all = till.captureHold(redemption.getId(), newKey(), null);
        assertThat(all.getCapturedMinutes()).as("without an amount, all that was held").isEqualTo(101);
        ApiException twice = refused(() -> till.captureHold(redemption.getId(), newKey(), null));
        assertThat(twice.getCode()).isEqualTo(409);
        assertThat(problem(twice).getCode()).isEqualTo("hold_not_open");

        ApiException overRefund = refused(() -> till.refundRedemption(redemption.getId(), newKey(),
                new CreateRefund().amountMinutes(102L).reason("Too much")));
        assertThat(overRefund.getCode()).isEqualTo(422);
        assertThat(problem(overRefund).getCode()).isEqualTo("refund_exceeds_captured");

        ApiException blank = refused(() -> till.refundRedemption(redemption.getId(), newKey(),
                new CreateRefund().amountMinutes(1L).reason(" ")));
        assertThat(blank.getCode()).isEqualTo(400);
        assertThat(problem(blank).getCode()).isEqualTo("validation_failed");
        assertThat(problem(blank).getErrors()).extracting(e -> e.getField()).containsExactly("reason");

        // "exactly one of" offerId and amountMinutes is one class with both optional: both is refused
        ApiException both = refused(() -> till.placeHold(newKey(), new PlaceHold().cardNumber(ada.cardNumber())
                .amountMinutes(10L).offerId("off_none").tillReference("lane-1/receipt-2")));
        assertThat(both.getCode()).isEqualTo(400);
        assertThat(problem(both).getCode()).isEqualTo("validation_failed");

        ApiException unknownCard = refused(() -> till.lookUpCard("4000123456789010"));
        assertThat(unknownCard.getCode()).isEqualTo(404);
        assertThat(problem(unknownCard).getCode()).isEqualTo("not_found");
        assertAccount(member, 99, 0, 99);
    }

    @Test
    void aMemberLogsInRefreshesReadsTheirBalanceWithAnETagGivesAndReadsTheirStatementThroughTheGeneratedClient() throws Exception {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        MemberLogin ada = memberLogin(code, "Ada Lovelace");
        JsonNode bea = registerMember(code, "Bea Okafor");
        issue(scheme, ada.accountId(), 300);

        AccessToken token = logIn(ada);
        assertThat(token.getTokenType()).isEqualTo("Bearer");
        assertThat(token.getAccessToken()).isNotBlank();
        assertThat(token.getRefreshToken()).isNotBlank();
        assertThat(token.getExpiresIn()).isPositive();
        // an hour later the app trades the refresh token for a new pair (each refresh token works once)
        AccessToken refreshed = new AccessApi(client(null, null)).refreshAccessToken(new TokenRefresh()
                .grantType(TokenRefresh.GrantTypeEnum.REFRESH_TOKEN).refreshToken(token.getRefreshToken()));
        assertThat(refreshed.getAccessToken()).isNotBlank();
        assertThat(refreshed.getRefreshToken()).isNotBlank().isNotEqualTo(token.getRefreshToken());
        MembersApi me = new MembersApi(client("Authorization", "Bearer " + refreshed.getAccessToken()));

        ApiResponse<Me> first = me.getMeWithHttpInfo(null);
        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(first.getData().getMember().getDisplayName()).isEqualTo("Ada Lovelace");
        assertThat(first.getData().getScheme().getCode()).isEqualTo(code);
        assertThat(first.getData().getAccount().getBalanceMinutes()).isEqualTo(300);
        String etag = header(first.getHeaders(), "ETag");
        assertThat(etag).isNotBlank();

        // nothing changed: 304 without a body. The generated client answers every status outside
        // 2xx with its exception, so a 304 arrives as one, with the same ETag
        ApiException notModified = refused(() -> me.getMeWithHttpInfo(etag));
        assertThat(notModified.getCode()).isEqualTo(304);
        assertThat(notModified.getResponseBody()).isNullOrEmpty();
        assertThat(header(notModified.getResponseHeaders().map(), "ETag")).isEqualTo(etag);

        String giftKey = newKey();
        Gift gift = new Gift().toCardNumber(bea.get("cardNumber").asText()).amountMinutes(45L).memo("For the lift to the shops");
        ApiResponse<Entry> given = me.giveGiftWithHttpInfo(giftKey, gift);
        assertThat(given.getStatusCode()).isEqualTo(201);
        assertThat(given.getData().getType()).isEqualTo(Entry.TypeEnum.GIFT);
        assertThat(given.getData().getMemo()).contains("For the lift to the shops");
        ApiResponse<Entry> again = me.giveGiftWithHttpInfo(giftKey, gift);
        assertThat(header(again.getHeaders(), "Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.getData().getId()).isEqualTo(given.getData().getId());
        assertThat(balance(bea.get("accountId").asText())).as("given once").isEqualTo(45);

        // the balance changed, so the old ETag no longer matches: 200 with the new balance and a new ETag
        ApiResponse<Me> changed = me.getMeWithHttpInfo(etag);
        assertThat(changed.getStatusCode()).isEqualTo(200);
        assertThat(changed.getData().getAccount().getBalanceMinutes()).isEqualTo(255);
        assertThat(header(changed.getHeaders(), "ETag")).isNotBlank().isNotEqualTo(etag);

        ApiException tooMuch = refused(() -> me.giveGift(newKey(),
                new Gift().toMemberId(bea.get("id").asText()).amountMinutes(1_000L)));
        assertThat(tooMuch.getCode()).isEqualTo(422);
        assertThat(problem(tooMuch).getCode()).isEqualTo("insufficient_credits");

        // the statement, newest first, one line a page, following the cursor to the end
        StatementPage page = me.getOwnStatement(1, null, null);
        List<StatementLine> lines = new java.util.ArrayList<>(page.getItems());
        while (page.getNextCursor() != null) {
            page = me.getOwnStatement(1, page.getNextCursor(), null);
            lines.addAll(page.getItems());
        }
        assertThat(lines).extracting(StatementLine::getType, StatementLine::getAmountMinutes, StatementLine::getBalanceAfterMinutes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(StatementLine.TypeEnum.GIFT, -45L, 255L),
                        org.assertj.core.groups.Tuple.tuple(StatementLine.TypeEnum.ADJUSTMENT, 300L, 300L));
        assertThat(lines.get(0).getEntryId()).isEqualTo(given.getData().getId());
    }

    // ---- the generated client, set up as an integrator would (docs/integrators.md) ----

    /** A generated client at the running service, sending the header on every request (none if null). */
    private ApiClient client(String header, String value) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(server.getURI().toString());
        if (header != null) {
            client.setRequestInterceptor(request -> request.header(header, value));
        }
        return client;
    }

    private AccessToken logIn(MemberLogin member) throws ApiException {
        return new AccessApi(client(null, null)).logIn(new Login().username(member.username()).password(member.password()));
    }

    /** A partner of the scheme and a new API key of its till (set up by an administrator). */
    private String tillKey(String schemeCode) {
        String partnerId = admin.post("/v1/schemes/" + schemeCode + "/partners", object("name", "Oasis Leisure Centre")).field("id");
        return admin.post("/v1/partners/" + partnerId + "/api-keys", object("label", "Lane 3")).field("key");
    }

    /** The account as the member sees it. */
    private static void assertAccount(MembersApi member, long balance, long held, long available) throws ApiException {
        MeAccount account = member.getMe(null).getAccount();
        assertThat(account.getBalanceMinutes()).as("balance").isEqualTo(balance);
        assertThat(account.getHeldMinutes()).as("held").isEqualTo(held);
        assertThat(account.getAvailableMinutes()).as("available").isEqualTo(available);
    }

    private static Problem problem(ApiException refusal) throws JsonProcessingException {
        return ApiClient.createDefaultObjectMapper().readValue(refusal.getResponseBody(), Problem.class);
    }

    private static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
    }

    private interface Call {
        void run() throws ApiException;
    }

    private static ApiException refused(Call call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected the service to refuse");
    }
}
