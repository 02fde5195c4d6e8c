package org.timeledger.giving;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.HttpStatus;
import org.timeledger.query.Page;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Roles;
import org.timeledger.web.Idempotency;
import org.timeledger.ledger.view.LedgerViews;
import org.timeledger.ledger.view.LedgerViews.EntryView;

@Controller("/v1/me")
@Secured(Roles.MEMBER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class GivingController {
    private final GivingService giving;
    private final Beneficiaries beneficiaries;
    private final Recipients recipients;
    private final Idempotency idempotency;

    public GivingController(GivingService giving, Beneficiaries beneficiaries, Recipients recipients, Idempotency idempotency) {
        this.giving = giving;
        this.beneficiaries = beneficiaries;
        this.recipients = recipients;
        this.idempotency = idempotency;
    }

    /** The first name of a card's holder, shown to a member before they confirm a gift (rate-limited: http.LookupRateLimits). */
    @Get("/recipients/{cardNumber}")
    public Recipients.RecipientView recipient(Caller caller, String cardNumber) {
        return recipients.byCard(caller, cardNumber);
    }

    @Post("/beneficiaries")
    public HttpResponse<Beneficiaries.BeneficiaryView> nameBeneficiary(Caller caller, @Body @Valid GivingRequests.NameBeneficiary body) {
        return HttpResponse.created(beneficiaries.add(caller, body.cardNumber()));
    }

    @Get("/beneficiaries")
    public Page<Beneficiaries.BeneficiaryView> beneficiaries(Caller caller) {
        return new Page<>(beneficiaries.mine(caller), null);
    }

    @Delete("/beneficiaries/{memberId}")
    @Status(HttpStatus.NO_CONTENT)
    public void removeBeneficiary(Caller caller, String memberId) {
        beneficiaries.remove(caller, memberId);
    }

    @Post("/gifts")
    public HttpResponse<EntryView> gift(HttpRequest<?> request, Caller caller, @Nullable @Header(Idempotency.HEADER) String key,
                                        @Body @Valid GivingRequests.Gift body) {
        return idempotency.created(new Idempotency.Call(request, caller.principalId(), key, body), EntryView.class,
                LedgerViews::location, () -> giving.gift(caller, body));
    }

    @Post("/donations")
    public HttpResponse<EntryView> donate(HttpRequest<?> request, Caller caller, @Nullable @Header(Idempotency.HEADER) String key,
                                          @Body @Valid GivingRequests.Donation body) {
        return idempotency.created(new Idempotency.Call(request, caller.principalId(), key, body), EntryView.class,
                LedgerViews::location, () -> giving.donate(caller, body));
    }
}
