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

    /**
     * A kind of help: volunteering (approved activities, distinct volunteers) and exchanges
     * between members (distinct members who paid, distinct members who helped).
     */
    @Serdeable
    public record CategoryRow(String code, String name, long minutesVolunteered, long activities, long volunteers,
                              long minutesExchanged, long exchanges, long payers, long helpers) {
    }

    @Serdeable
    public record OrganisationRow(String id, String name, long minutesVolunteered, long activities, long volunteers) {
    }

    @Serdeable
    public record PartnerRow(String id, String name, long redeemedMinutes, long refundedMinutes, long settledMinutes) {
    }

    /** A ward: its volunteers' activities, the exchanges whose helper lives there, and the members it gained. */
    @Serdeable
    public record WardRow(String ward, long minutesVolunteered, long volunteers, long newMembers,
                          long minutesExchanged, long exchanges, long payers, long helpers) {
    }

    /**
     * The period's figures. Exchanges (help one member gave another, paid by an EXCHANGE entry)
     * count by the date of the help and not once reversed, as activities do, so
     * {@code minutesExchanged} may differ from {@code credits.exchanged} (entries posted in the
     * period). {@code activeMembers}: distinct members who gave help, through an activity or an exchange.
     * {@code inactiveMembers}: members marked as left by the period's end and not back since (a member
     * who came back counts as taking part, for every period; an erased member is not counted).
     */
    @Serdeable
    public record Summary(String schemeCode, LocalDate from, LocalDate to, long minutesVolunteered, long approvedActivities,
                          long activeVolunteers, long minutesExchanged, long exchanges, long exchangePayers,
                          long exchangeHelpers, long activeMembers, long newMembers, long inactiveMembers, Credits credits,
                          Outstanding outstanding, Identity identity, List<CategoryRow> byCategory,
                          List<OrganisationRow> byOrganisation, List<PartnerRow> byPartner, List<WardRow> byWard) {

        /**
         * What a coordinator sees: only these organisations' rows, and no partner's row (what each
         * partner took is for administrators and auditors, as the partners list is); the scheme's
         * totals stay.
         */
        Summary forCoordinator(List<OrganisationRow> rows) {
            return new Summary(schemeCode, from, to, minutesVolunteered, approvedActivities, activeVolunteers,
                    minutesExchanged, exchanges, exchangePayers, exchangeHelpers, activeMembers, newMembers, inactiveMembers,
                    credits, outstanding, identity, byCategory, rows, List.of(), byWard);
        }
    }
}
