package org.timeledger.timebank;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.timeledger.ledger.Ledger;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.PartyService;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What members of a scheme did for each other through exchanges, for the reports: read-only, on
 * the caller's transaction. An exchange counts on the day of its help (not the day it was
 * recorded), as an activity counts on its date, and not at all once its EXCHANGE entry is reversed.
 */
@Singleton
public class ExchangeFigures {
    private final ExchangeReportStore store;
    private final Ledger ledger;
    private final PartyService parties;

    public ExchangeFigures(ExchangeReportStore store, Ledger ledger, PartyService parties) {
        this.store = store;
        this.ledger = ledger;
        this.parties = parties;
    }

    /**
     * Help given through exchanges and still standing, summed for one helper, one payer and one
     * kind of help: the minutes and how many exchanges gave them. The helper's ward (null: none
     * given) comes with it, as a volunteer's does with their activities.
     */
    public record HelpGiven(String categoryId, String payerMemberId, String helperMemberId, @Nullable String helperWard,
                            long minutes, long exchanges) {
    }

    /** The date of the scheme's earliest exchange (back-dated, it may precede the scheme). */
    public Optional<LocalDate> earliestExchangeDate(String schemeId) {
        return store.earliestDate(schemeId);
    }

    /** Exchanges with help dated in [first, last] and not reversed, per kind of help, payer and helper. */
    public List<HelpGiven> helpGiven(String schemeId, LocalDate first, LocalDate last) {
        List<ExchangeReportStore.Helped> rows = store.helpedBetween(schemeId, first, last);
        Set<String> reversed = ledger.reversedAmong(rows.stream().map(ExchangeReportStore.Helped::entryId).toList());
        Map<Pair, Sum> sums = new LinkedHashMap<>();
        for (ExchangeReportStore.Helped row : rows) {
            if (!reversed.contains(row.entryId())) {
                sums.computeIfAbsent(new Pair(row.categoryId(), row.payerMemberId(), row.helperMemberId()), k -> new Sum())
                        .add(row.minutes());
            }
        }
        Map<String, Member> helpers = parties.findMembers(schemeId,
                sums.keySet().stream().map(Pair::helperMemberId).collect(Collectors.toSet()));
        List<HelpGiven> given = new ArrayList<>(sums.size());
        sums.forEach((pair, sum) -> {
            Member helper = helpers.get(pair.helperMemberId());
            given.add(new HelpGiven(pair.categoryId(), pair.payerMemberId(), pair.helperMemberId(),
                    helper == null ? null : helper.ward(), sum.minutes, sum.exchanges));
        });
        return given;
    }

    /** A payer and a helper, in one kind of help. */
    private record Pair(String categoryId, String payerMemberId, String helperMemberId) {
    }

    private static final class Sum {
        long minutes;
        long exchanges;

        void add(long minutes) {
            this.minutes = Math.addExact(this.minutes, minutes);
            exchanges++;
        }
    }
}
