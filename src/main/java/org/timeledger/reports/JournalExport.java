package org.timeledger.reports;

import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.ledger.Journal;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.model.EntryPosting;
import org.timeledger.problem.RejectedException;
import org.timeledger.query.Times;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.support.Transactions;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The journal in hledger's format, for auditors: one transaction per entry, dated in the
 * scheme's time zone, with the entry's id as its code; accounts named by kind and party
 * ({@code member:mem_…}, {@code partner:prt_…}, {@code issuance}), each declared with the
 * party's name as a comment; amounts in whole minutes ({@code 60 min}), so nothing is rounded.
 * `hledger -f export.journal balance` then shows the service's balances.
 */
@Singleton
public class JournalExport {
    private final Journal journal;
    private final PartyService parties;
    private final Access access;
    private final Transactions transactions;
    private final java.time.Clock clock;

    public JournalExport(Journal journal, PartyService parties, Access access, Transactions transactions,
                         java.time.Clock clock) {
        this.clock = clock;
        this.journal = journal;
        this.parties = parties;
        this.access = access;
        this.transactions = transactions;
    }

    /**
     * Entries posted in [from, to), each a time (2026-03-31T23:59:59Z) or a day in the scheme's
     * time zone (2026-04-01: from its start; as {@code to}, to its end); by default all of them
     * up to now. A period starting later than the first entry opens with a transaction of the
     * balances before it, so that hledger's balances are the service's at its end. One
     * consistent snapshot, so every entry is whole.
     */
    public String export(Caller caller, String schemeCode, String fromText, String toText) {
        return transactions.readSnapshot(() -> {
            Scheme scheme = access.scheme(caller, schemeCode);
            ZoneId zone = ZoneId.of(scheme.timeZone());
            Instant from = fromText == null ? null : startOf("from", fromText, zone);
            Instant to = toText == null ? clock.instant().plusSeconds(1) : endOf("to", toText, zone);
            if (from != null && to.isBefore(from)) {
                throw RejectedException.invalidField("to", "is before from");
            }
            StringBuilder out = new StringBuilder();
            out.append("; Timeledger journal of scheme ").append(scheme.code()).append(" (").append(clean(scheme.name()))
                    .append(")\n; entries posted from ").append(from == null ? "the start" : from).append(" to ").append(to)
                    .append(", dated in ").append(zone).append("; amounts in minutes (60 min = 1 credit)\n\n")
                    .append("commodity 1. min\n\n");
            // in a comment hledger reads "word:" as a tag ("type:" even as an account type): no colons there
            accounts(scheme).forEach((name, party) -> out.append("account ").append(name)
                    .append(party.isEmpty() ? "" : "  ; " + party.replace(':', '-')).append('\n'));
            out.append('\n');
            if (from != null) {
                opening(scheme, zone, from, out);
            }
            entries(scheme, zone, from == null ? EARLIEST : from, to, out);
            return out.toString();
        });
    }

    /** Every account of the scheme by its journal name, with its party's name (none for ISSUANCE and the pot). */
    private Map<String, String> accounts(Scheme scheme) {
        Map<String, String> names = parties.namesByOwnerId(scheme.id());
        Map<String, String> accounts = new TreeMap<>();
        journal.accounts(scheme.id()).forEach(account -> accounts.put(name(account.kind(), account.ownerId()),
                clean(account.ownerId() == null ? null : names.get(account.ownerId()))));
        return accounts;
    }

    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

    /** A time, or a day in the zone: its start, or (for the end of a period) the start of the next. */
    /** A time as given, or the start of a day given as a date. */
    private static Instant startOf(String field, String text, ZoneId zone) {
        return moment(field, text, zone, 0);
    }

    /** A time as given, or the end of a day given as a date (the next day's start, since {@code to} is exclusive). */
    private static Instant endOf(String field, String text, ZoneId zone) {
        return moment(field, text, zone, 1);
    }

    private static Instant moment(String field, String text, ZoneId zone, int daysLater) {
        if (text.length() == 10) {
            try {
                LocalDate day = LocalDate.parse(text);
                if (day.getYear() < 1900 || day.getYear() > 2999) {
                    throw RejectedException.invalidField(field, "must be between 1900 and 2999");
                }
                return day.plusDays(daysLater).atStartOfDay(zone).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw RejectedException.invalidField(field, "must be a day such as 2026-03-31 or a time such as 2026-03-31T23:59:59Z");
            }
        }
        return Times.instant(field, text);
    }

    /** The balances of entries posted before {@code from}, as one transaction dated that day. */
    private void opening(Scheme scheme, ZoneId zone, Instant from, StringBuilder out) {
        Map<String, Long> balances = new TreeMap<>();
        journal.balancesBefore(scheme.id(), from).stream().filter(sum -> sum.amountMinutes() != 0)
                .forEach(sum -> balances.put(name(sum.kind(), sum.ownerId()), sum.amountMinutes()));
        if (balances.isEmpty()) {
            return;
        }
        out.append('\n').append(LocalDate.ofInstant(from, zone)).append(" * Opening balances\n    ; of entries posted before ")
                .append(from).append('\n');
        balances.forEach((account, minutes) -> out.append("    ").append(account).append("    ").append(minutes).append(" min\n"));
    }

    /** The period's entries, each written as its postings stream past: an entry's header before its first posting. */
    private void entries(Scheme scheme, ZoneId zone, Instant from, Instant to, StringBuilder out) {
        journal.forEachPosting(scheme.id(), from, to, new Consumer<>() {
            private String current;

            @Override
            public void accept(EntryPosting posting) {
                if (!posting.entryId().equals(current)) {
                    current = posting.entryId();
                    String memo = clean(posting.memo());
                    out.append('\n').append(LocalDate.ofInstant(posting.postedAt(), zone)).append(" * (")
                            .append(posting.entryId()).append(") ").append(posting.type().name())
                            .append(memo.isEmpty() ? "" : ": " + memo)
                            .append("\n    ; posted at ").append(posting.postedAt()).append('\n');
                }
                out.append("    ").append(name(posting.kind(), posting.ownerId()))
                        .append("    ").append(posting.amountMinutes()).append(" min\n");
            }
        });
    }

    static String name(AccountKind kind, String ownerId) {
        return switch (kind) {
            case MEMBER -> "member:" + ownerId;
            case ORGANISATION -> "organisation:" + ownerId;
            case PARTNER -> "partner:" + ownerId;
            case ISSUANCE -> "issuance";
            case COMMUNITY_POT -> "community-pot";
            case EXPIRED -> "expired";
        };
    }

    /** Text for one line of the journal: no control characters, no runs of spaces (which end an account name). */
    static String clean(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", " ").replaceAll(" {2,}", " ").strip();
    }
}
