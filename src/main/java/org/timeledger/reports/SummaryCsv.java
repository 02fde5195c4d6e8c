package org.timeledger.reports;

import org.timeledger.reports.SummaryViews.Summary;
import org.timeledger.support.Csv;

/**
 * The summary as CSV: the figures as name,value lines, then one table per breakdown, blank lines
 * between; cells as {@link Csv} writes them (names in quotes and defused, figures plain).
 */
final class SummaryCsv {
    private SummaryCsv() {
    }

    static String of(Summary s) {
        StringBuilder csv = new StringBuilder("figure,minutes or count\r\n");
        line(csv, "from", s.from().toString());
        line(csv, "to", s.to().toString());
        line(csv, "minutesVolunteered", s.minutesVolunteered());
        line(csv, "approvedActivities", s.approvedActivities());
        line(csv, "activeVolunteers", s.activeVolunteers());
        line(csv, "minutesExchanged", s.minutesExchanged());
        line(csv, "exchanges", s.exchanges());
        line(csv, "exchangePayers", s.exchangePayers());
        line(csv, "exchangeHelpers", s.exchangeHelpers());
        line(csv, "activeMembers", s.activeMembers());
        line(csv, "newMembers", s.newMembers());
        line(csv, "inactiveMembers", s.inactiveMembers());
        var c = s.credits();
        line(csv, "issued", c.issued());
        line(csv, "retired", c.retired());
        line(csv, "earned", c.earned());
        line(csv, "allocated", c.allocated());
        line(csv, "given", c.given());
        line(csv, "exchanged", c.exchanged());
        line(csv, "donated", c.donated());
        line(csv, "granted", c.granted());
        line(csv, "redeemed", c.redeemed());
        line(csv, "refunded", c.refunded());
        line(csv, "expired", c.expired());
        line(csv, "settled", c.settled());
        line(csv, "adjusted", c.adjusted());
        line(csv, "reversed", c.reversed());
        var o = s.outstanding();
        line(csv, "outstandingMembers", o.membersMinutes());
        line(csv, "outstandingOrganisations", o.organisationsMinutes());
        line(csv, "outstandingPartners", o.partnersMinutes());
        line(csv, "outstandingCommunityPot", o.communityPotMinutes());
        line(csv, "outstandingExpired", o.expired());
        line(csv, "outstandingTotal", o.total());
        line(csv, "issuedToDate", s.identity().issuedToDate());
        line(csv, "retiredToDate", s.identity().retiredToDate());
        if (s.identity().storedBalances() != null) {
            line(csv, "storedBalances", s.identity().storedBalances());
        }
        line(csv, "identityHolds", Boolean.toString(s.identity().holds()));
        // the exchanges' columns come after volunteering's, so a sheet that reads columns by position still works
        csv.append("\r\ncategory,name,minutesVolunteered,activities,volunteers,minutesExchanged,exchanges,payers,helpers\r\n");
        s.byCategory().forEach(r -> row(csv, r.code(), r.name(), r.minutesVolunteered(), r.activities(), r.volunteers(),
                r.minutesExchanged(), r.exchanges(), r.payers(), r.helpers()));
        csv.append("\r\norganisationId,organisation,minutesVolunteered,activities,volunteers\r\n");
        s.byOrganisation().forEach(r -> row(csv, r.id(), r.name(), r.minutesVolunteered(), r.activities(), r.volunteers()));
        csv.append("\r\npartnerId,partner,redeemedMinutes,refundedMinutes,settledMinutes\r\n");
        s.byPartner().forEach(r -> row(csv, r.id(), r.name(), r.redeemedMinutes(), r.refundedMinutes(), r.settledMinutes()));
        csv.append("\r\nward,minutesVolunteered,volunteers,newMembers,minutesExchanged,exchanges,payers,helpers\r\n");
        s.byWard().forEach(r -> {
            csv.append(Csv.text(r.ward()));
            figures(csv, r.minutesVolunteered(), r.volunteers(), r.newMembers(), r.minutesExchanged(), r.exchanges(),
                    r.payers(), r.helpers());
        });
        return csv.toString();
    }

    private static void line(StringBuilder csv, String name, long value) {
        csv.append(Csv.line(name, Csv.number(value)));
    }

    /** A date, or whether the identity holds: the service's own words. */
    private static void line(StringBuilder csv, String name, String value) {
        csv.append(Csv.line(name, Csv.code(value)));
    }

    /** The rest of a line: its figures, then its end. */
    private static void figures(StringBuilder csv, long... figures) {
        for (long figure : figures) {
            csv.append(',').append(Csv.number(figure));
        }
        csv.append("\r\n");
    }

    /** A breakdown's row: the code or id of what it counts (a category's code is typed by staff), its name, its figures. */
    private static void row(StringBuilder csv, String id, String name, long... figures) {
        csv.append(Csv.code(id)).append(',').append(Csv.text(name));
        figures(csv, figures);
    }
}
