package org.timeledger.volunteering;

import org.timeledger.support.Text;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.ledger.model.Actor;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.Ledger;
import org.timeledger.problem.RejectedException;
import org.timeledger.ledger.view.LedgerViews.EntryView;
import org.timeledger.schemes.Organisation;
import org.timeledger.schemes.Scheme;

/**
 * An administrator funds an organisation's account from ISSUANCE. In a scheme with
 * {@code allocationsRequired}, that account is where its volunteers' credits are earned from,
 * so the allocation caps what the organisation can award.
 */
@Singleton
public class Allocations {
    private final Access access;
    private final Ledger ledger;

    public Allocations(Access access, Ledger ledger) {
        this.access = access;
        this.ledger = ledger;
    }

    /** In the command's transaction (the one that records the Idempotency-Key). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public EntryView allocate(Caller caller, String schemeCode, VolunteeringRequests.Allocation request) {
        Scheme scheme = access.scheme(caller, schemeCode);
        Organisation organisation = access.organisation(caller, request.organisationId());
        if (!organisation.schemeId().equals(scheme.id())) {
            throw RejectedException.invalidField("organisationId", "is not an organisation of this scheme");
        }
        String memo = request.memo() == null || Text.isBlank(request.memo())
                ? "Allocation to " + organisation.name() : Text.strip(request.memo());
        JournalEntry entry = ledger.move(scheme.id(), EntryType.ALLOCATION, scheme.issuanceAccountId(),
                organisation.accountId(), request.amountMinutes(), memo, Actor.of(caller.principalId()));
        return EntryView.of(entry, scheme.code(), null);
    }
}
