package org.timeledger.timebank;

import jakarta.inject.Singleton;
import org.timeledger.ledger.Ledger;
import org.timeledger.volunteering.HelpElsewhere;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The help members were paid for by exchanges on a date, still standing: volunteering counts it towards the 24-hour day. */
@Singleton
class ExchangedMinutes implements HelpElsewhere {
    private final ExchangeStore store;
    private final Ledger ledger;

    ExchangedMinutes(ExchangeStore store, Ledger ledger) {
        this.store = store;
        this.ledger = ledger;
    }

    @Override
    public Map<String, Long> minutesOn(Collection<String> memberIds, LocalDate date) {
        if (memberIds.isEmpty()) {
            return Map.of();
        }
        List<ExchangeStore.HelpMinutes> help = store.helpOn(Set.copyOf(memberIds), date);
        Set<String> reversed = ledger.reversedAmong(help.stream().map(ExchangeStore.HelpMinutes::entryId)
                .collect(Collectors.toSet()));
        Map<String, Long> minutes = new HashMap<>();
        help.stream().filter(h -> !reversed.contains(h.entryId()))
                .forEach(h -> minutes.merge(h.helperMemberId(), h.minutes(), Long::sum));
        return minutes;
    }
}
