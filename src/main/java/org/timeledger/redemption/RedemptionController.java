package org.timeledger.redemption;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Roles;
import org.timeledger.web.Idempotency;
import org.timeledger.query.Page;
import org.timeledger.query.Times;
import org.timeledger.ledger.view.PostingsCsv;
import org.timeledger.redemption.RedemptionViews.CardView;
import org.timeledger.redemption.RedemptionViews.NewCardView;
import org.timeledger.redemption.RedemptionViews.OfferView;
import org.timeledger.redemption.RedemptionViews.PartnerRedemptions;
import org.timeledger.redemption.RedemptionViews.RedemptionView;
import org.timeledger.redemption.RedemptionViews.RefundView;
import org.timeledger.redemption.RedemptionViews.SettlementView;

import java.net.URI;

/** Offers, cards, till redemptions (hold, capture, void, refund), partners' statements and settlements. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RedemptionController {

    private final Offers offers;
    private final Cards cards;
    private final Redemptions redemptions;
    private final Settlements settlements;
    private final Idempotency idempotency;

    public RedemptionController(Offers offers, Cards cards, Redemptions redemptions, Settlements settlements,
                                Idempotency idempotency) {
        this.offers = offers;
        this.cards = cards;
        this.redemptions = redemptions;
        this.settlements = settlements;
        this.idempotency = idempotency;
    }

    // ---- offers ----

    @Post("/partners/{id}/offers")
    @Secured({Roles.ADMIN, Roles.PARTNER})
    public HttpResponse<OfferView> createOffer(Caller caller, String id, @Body @Valid RedemptionRequests.CreateOffer request) {
        return HttpResponse.created(offers.create(caller, id, request), URI.create("/v1/partners/" + id + "/offers"));
    }

    @Patch("/offers/{id}")
    @Secured({Roles.ADMIN, Roles.PARTNER})
    public OfferView changeOffer(Caller caller, String id, @Body @Valid RedemptionRequests.ChangeOffer request) {
        return offers.change(caller, id, request);
    }

    @Get("/partners/{id}/offers")
    @Secured({Roles.ADMIN, Roles.AUDITOR, Roles.PARTNER})
    public Page<OfferView> partnerOffers(Caller caller, String id) {
        return new Page<>(offers.ofPartner(caller, id), null);
    }

    @Get("/schemes/{code}/offers")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR, Roles.MEMBER, Roles.PARTNER})
    public Page<OfferView> activeOffers(Caller caller, String code, @Nullable @QueryValue Integer limit,
                                        @Nullable @QueryValue String cursor) {
        return offers.active(caller, code, limit, cursor);
    }

    // ---- cards ----

    @Get("/cards/{cardNumber}")
    @Secured(Roles.PARTNER)
    public CardView card(Caller caller, String cardNumber) {
        return cards.lookUp(caller, cardNumber);
    }

    @Post("/me/card/replacement")
    @Secured(Roles.MEMBER)
    public HttpResponse<NewCardView> replaceMyCard(Caller caller) {
        return HttpResponse.created(cards.replace(caller, caller.memberId()));
    }

    @Post("/members/{id}/card/replacement")
    @Secured({Roles.ADMIN, Roles.COORDINATOR})
    public HttpResponse<NewCardView> replaceCard(Caller caller, String id) {
        return HttpResponse.created(cards.replace(caller, id));
    }

    // ---- redemptions ----

    @Post("/redemptions")
    @Secured(Roles.PARTNER)
    public HttpResponse<RedemptionView> hold(HttpRequest<?> request, Caller caller, @Nullable @Header(Idempotency.HEADER) String key,
                                             @Body @Valid RedemptionRequests.Hold body) {
        return idempotency.created(new Idempotency.Call(request, caller.principalId(), key, body), RedemptionView.class,
                view -> "/v1/redemptions/" + view.id(), () -> redemptions.hold(caller, body));
    }

    @Get("/redemptions/{id}")
    @Secured({Roles.ADMIN, Roles.AUDITOR, Roles.PARTNER})
    public RedemptionView redemption(Caller caller, String id) {
        return redemptions.get(caller, id);
    }

    @Post("/redemptions/{id}/capture")
    @Secured(Roles.PARTNER)
    public HttpResponse<RedemptionView> capture(HttpRequest<?> request, Caller caller, String id,
                                                @Nullable @Header(Idempotency.HEADER) String key,
                                                @Nullable @Body @Valid RedemptionRequests.Capture body) {
        RedemptionRequests.Capture capture = body == null ? new RedemptionRequests.Capture(null) : body;
        return idempotency.ok(new Idempotency.Call(request, caller.principalId(), key, capture), RedemptionView.class,
                () -> redemptions.capture(caller, id, capture));
    }

    @Post("/redemptions/{id}/void")
    @Secured(Roles.PARTNER)
    public HttpResponse<RedemptionView> voidHold(HttpRequest<?> request, Caller caller, String id,
                                                 @Nullable @Header(Idempotency.HEADER) String key) {
        return idempotency.ok(new Idempotency.Call(request, caller.principalId(), key, ""), RedemptionView.class,
                () -> redemptions.voidHold(caller, id));
    }

    @Post("/redemptions/{id}/refunds")
    @Secured({Roles.ADMIN, Roles.PARTNER})
    public HttpResponse<RefundView> refund(HttpRequest<?> request, Caller caller, String id,
                                           @Nullable @Header(Idempotency.HEADER) String key,
                                           @Body @Valid RedemptionRequests.Refund body) {
        return idempotency.created(new Idempotency.Call(request, caller.principalId(), key, body), RefundView.class,
                view -> "/v1/redemptions/" + id, () -> redemptions.refund(caller, id, body));
    }

    // ---- partners' statements and settlements ----

    /** JSON, or CSV with {@code Accept: text/csv} or {@code ?format=csv}. */
    @Get(value = "/partners/{id}/redemptions", produces = {"application/json", PostingsCsv.TEXT_CSV})
    @Secured({Roles.ADMIN, Roles.AUDITOR, Roles.PARTNER})
    public MutableHttpResponse<?> partnerRedemptions(HttpRequest<?> request, Caller caller, String id,
                                                     @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                                     @Nullable @QueryValue String format) {
        boolean csv = PostingsCsv.wanted(request, format);
        PartnerRedemptions statement = settlements.statement(caller, id, Times.instant("from", from), Times.instant("to", to));
        if (!csv) {
            return HttpResponse.ok(statement).contentType("application/json");
        }
        return HttpResponse.ok(StatementCsv.of(statement)).contentType(PostingsCsv.TEXT_CSV + "; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"redemptions-" + id + ".csv\"");
    }

    @Post("/partners/{id}/settlements")
    @Secured(Roles.ADMIN)
    public HttpResponse<SettlementView> settle(HttpRequest<?> request, Caller caller, String id,
                                               @Nullable @Header(Idempotency.HEADER) String key,
                                               @Body @Valid RedemptionRequests.Settle body) {
        return idempotency.created(new Idempotency.Call(request, caller.principalId(), key, body), SettlementView.class,
                view -> "/v1/partners/" + id + "/settlements", () -> settlements.settle(caller, id, body.upTo()));
    }

    @Get("/partners/{id}/settlements")
    @Secured({Roles.ADMIN, Roles.AUDITOR, Roles.PARTNER})
    public Page<SettlementView> settlementsOf(Caller caller, String id) {
        return new Page<>(settlements.settlements(caller, id), null);
    }
}
