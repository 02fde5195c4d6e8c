package org.timeledger.reports;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.List;

/** The scheme summary report. Every amount is in minutes. */
public final class SummaryViews {
    private SummaryViews() {
    }

    /** Credits moved in the period, by what moved them (a two-sided entry counts its amount once). */
    @Serdeable
    public record Credits(long issued, long retired, long earned, long allocated, long given, long exchanged,
                          long donated, long granted, long redeemed, long refunded, long expired, long settled,
                          long adjusted, long reversed) {
    }

    /**
     * Credits held at the period's end, by kind of holder, in minutes; {@code total} is what is
     * still in circulation (members, organisations, partners and the pot), expired credits left
     * out. The JSON names are the API's (openapi.yml: SummaryOutstanding) and carry no unit, so
     * {@code membersMinutes} is not mistaken for a count such as {@link Summary#newMembers()}.
     * {@code expired} and {@code total} keep their names: SummaryReport reads them by accessor.
     */
    @Serdeable
    public record Outstanding(@JsonProperty("members") long membersMinutes,
                              @JsonProperty("organisations") long organisationsMinutes,
                              @JsonProperty("partners") long partnersMinutes,
                              @JsonProperty("communityPot") long communityPotMinutes, long expired, long total) {
    }

    /**
     * Issued less retired (the ISSUANCE account's postings, up to the period's end) equals what
     * is outstanding (everyone else's postings then): two sums over different postings. For a
     * period that runs to today, {@code storedBalances} (the accounts' balance column, kept by
     * the ledger as it posts) must equal it too, which an edit made behind the ledger's back breaks.
     */
    @Serdeable
    public record Identity(long issuedToDate, long retiredToDate, long outstanding,
                           @io.micronaut.core.annotation.Nullable Long storedBalances, boolean holds) {
    }

    @Serdeable
    public record CategoryRow(String code, String name, long minutesVolunteered, long activities, long volunteers) {
    }

    @Serdeable
    public record OrganisationRow(String id, String name, long minutesVolunteered, long activities, long volunteers) {
    }

    @Serdeable
    public record PartnerRow(String id, String name, long redeemedMinutes, long refundedMinutes, long settledMinutes) {
    }

    @Serdeable
    public record WardRow(String ward, long minutesVolunteered, long volunteers, long newMembers) {
    }

    @Serdeable
    public record Summary(String schemeCode, LocalDate from, LocalDate to, long minutesVolunteered, long approvedActivities,
                          long activeVolunteers, long newMembers, Credits credits, Outstanding outstanding,
                          Identity identity, List<CategoryRow> byCategory, List<OrganisationRow> byOrganisation,
                          List<PartnerRow> byPartner, List<WardRow> byWard) {
    }
}
