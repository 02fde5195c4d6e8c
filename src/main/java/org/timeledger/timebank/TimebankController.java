package org.timeledger.timebank;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Roles;
import org.timeledger.query.Page;
import org.timeledger.timebank.TimebankViews.ExchangeView;
import org.timeledger.timebank.TimebankViews.LimitsView;
import org.timeledger.timebank.TimebankViews.PaymentRequestView;
import org.timeledger.web.Idempotency;

/** Exchanges between members, payment requests and members' limits. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TimebankController {
    private final Exchanges exchanges;
    private final PaymentRequests requests;
    private final MemberLimits limits;
    private final Idempotency idempotency;

    public TimebankController(Exchanges exchanges, PaymentRequests requests, MemberLimits limits, Idempotency idempotency) {
        this.exchanges = exchanges;
        this.requests = requests;
        this.limits = limits;
        this.idempotency = idempotency;
    }

    @Post("/me/exchanges")
    @Secured(Roles.MEMBER)
    public HttpResponse<ExchangeView> record(HttpRequest<?> request, Caller caller, @Nullable @Header(Idempotency.HEADER) String key,
                                             @Body @Valid TimebankRequests.MemberExchange body) {
        return idempotency.created(new Idempotency.Call(request, caller.principalId(), key, body), ExchangeView.class,
                TimebankController::location, () -> exchanges.record(caller, body));
    }

    @Get("/me/exchanges")
    @Secured(Roles.MEMBER)
    public Page<ExchangeView> myExchanges(Caller caller, @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor) {
        return exchanges.mine(caller, new Exchanges.ListQuery(null, null, null, null, limit, cursor));
    }

    @Post("/schemes/{code}/exchanges")
    @Secured({Roles.ADMIN, Roles.COORDINATOR})
    public HttpResponse<ExchangeView> recordForMembers(HttpRequest<?> request, Caller caller, String code,
                                                       @Nullable @Header(Idempotency.HEADER) String key,
                                                       @Body @Valid TimebankRequests.StaffExchange body) {
        return idempotency.created(new Idempotency.Call(request, caller.principalId(), key, body), ExchangeView.class,
                TimebankController::location, () -> exchanges.recordForMembers(caller, code, body));
    }

    @Get("/schemes/{code}/exchanges")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR})
    public Page<ExchangeView> exchanges(Caller caller, String code, @Nullable @QueryValue String memberId,
                                        @Nullable @QueryValue String categoryCode, @Nullable @QueryValue String from,
                                        @Nullable @QueryValue String to, @Nullable @QueryValue Integer limit,
                                        @Nullable @QueryValue String cursor) {
        return exchanges.list(caller, code, new Exchanges.ListQuery(memberId, categoryCode, from, to, limit, cursor));
    }

    @Post("/me/payment-requests")
    @Secured(Roles.MEMBER)
    public HttpResponse<PaymentRequestView> ask(Caller caller, @Body @Valid TimebankRequests.AskPayment body) {
        return HttpResponse.created(requests.ask(caller, body));
    }

    @Get("/me/payment-requests")
    @Secured(Roles.MEMBER)
    public Page<PaymentRequestView> myRequests(Caller caller, @Nullable @QueryValue String direction,
                                               @Nullable @QueryValue String status, @Nullable @QueryValue Integer limit,
                                               @Nullable @QueryValue String cursor) {
        return requests.mine(caller, direction, status, limit, cursor);
    }

    @Post("/payment-requests/{id}/confirmation")
    @Secured(Roles.MEMBER)
    public HttpResponse<PaymentRequestView> confirm(HttpRequest<?> request, Caller caller, String id,
                                                    @Nullable @Header(Idempotency.HEADER) String key) {
        return idempotency.ok(new Idempotency.Call(request, caller.principalId(), key, ""), PaymentRequestView.class,
                () -> requests.confirm(caller, id));
    }

    @Post("/payment-requests/{id}/decline")
    @Secured(Roles.MEMBER)
    public PaymentRequestView decline(Caller caller, String id, @Body @Valid TimebankRequests.Decline body) {
        return requests.decline(caller, id, body.reason());
    }

    @Post("/payment-requests/{id}/cancellation")
    @Secured(Roles.MEMBER)
    public PaymentRequestView cancel(Caller caller, String id) {
        return requests.cancel(caller, id);
    }

    @Put("/members/{id}/limits")
    @Secured(Roles.ADMIN)
    public LimitsView setLimit(Caller caller, String id, @Body @Valid TimebankRequests.SetLimit body) {
        return limits.set(caller, id, body);
    }

    @Get("/members/{id}/limits")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR, Roles.MEMBER})
    public LimitsView limits(Caller caller, String id) {
        return limits.get(caller, id);
    }

    private static String location(ExchangeView exchange) {
        return "/v1/entries/" + exchange.entryId();
    }
}
