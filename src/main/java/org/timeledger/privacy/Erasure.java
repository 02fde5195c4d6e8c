package org.timeledger.privacy;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.access.RefreshTokens;
import org.timeledger.access.UserRepository;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.model.Actor;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.Ledger;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;
import org.timeledger.support.Secrets;

/**
 * Erasing a member's personal data (the right to erasure): their name becomes a pseudonym,
 * their login and card stop working, and who they named or were named by as beneficiary is
 * forgotten; their account and every entry stay, so the books still reconcile and the reports
 * still add up. What they held is donated to the community pot first, unless asked otherwise.
 * Their unused activation codes stop working, and they get no new code, login or card.
 * Free text that staff wrote about them (activity descriptions, memos) is not rewritten.
 */
@Singleton
public class Erasure {
    private final Access access;
    private final Ledger ledger;
    private final SchemeService schemes;
    private final UserRepository users;
    private final RefreshTokens refreshTokens;
    private final JdbcOperations jdbc;
    private final PartyService parties;

    public Erasure(Access access, Ledger ledger, SchemeService schemes, UserRepository users, RefreshTokens refreshTokens,
                   JdbcOperations jdbc, PartyService parties) {
        this.parties = parties;
        this.access = access;
        this.ledger = ledger;
        this.schemes = schemes;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.jdbc = jdbc;
    }

    @Serdeable
    public record Erased(String memberId, String displayName, long donatedMinutes,
                         @io.micronaut.core.annotation.Nullable String donationEntryId) {
    }

    /** Runs on the caller's transaction (the one that records the Idempotency-Key). */
    public Erased erase(Caller caller, String memberId, boolean keepBalance) {
        lock(access.member(caller, memberId).id());
        Member member = parties.findMember(memberId).orElseThrow(); // as it stands under the lock
        Scheme scheme = schemes.findById(member.schemeId()).orElseThrow();
        Account account = ledger.findAccount(member.accountId()).orElseThrow();
        long donated = keepBalance ? 0 : Math.max(0, account.availableMinutes());
        JournalEntry donation = donated == 0 ? null : ledger.move(scheme.id(), EntryType.DONATION, account.id(),
                scheme.communityPotAccountId(), donated, "Balance donated to the community pot on erasure of personal data",
                new Actor(caller.principalId(), member.id()));
        String pseudonym = "Erased member " + Secrets.sha256Hex(member.id()).substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        // a card number no till accepts (not 16 digits), unique because the member's id is
        String blockedCard = "X" + member.id().substring(member.id().length() - 15);
        update("UPDATE member SET display_name = ?, card_number = ?, erased_at = COALESCE(erased_at, CURRENT_TIMESTAMP) "
                + "WHERE id = ?", pseudonym, blockedCard, member.id());
        // an activation code not yet used (say, in the welcome letter) must not open a new login
        update("UPDATE activation_code SET used_at = CURRENT_TIMESTAMP WHERE member_id = ? AND used_at IS NULL", member.id());
        if (!member.cardNumber().equals(blockedCard)) {
            update("INSERT INTO retired_card (card_number, member_id, retired_at) VALUES (?, ?, CURRENT_TIMESTAMP)",
                    member.cardNumber(), member.id());
        }
        update("DELETE FROM beneficiary WHERE member_id = ? OR beneficiary_id = ?", member.id(), member.id());
        update("UPDATE app_user SET own_member_id = NULL WHERE own_member_id = ?", member.id());
        users.findByMemberId(member.id()).ifPresent(user -> {
            users.updateLogin(user.id(), "erased-" + member.id().toLowerCase(java.util.Locale.ROOT), null);
            users.endSessions(user.id());
            refreshTokens.revokeAllOf(user.id());
        });
        return new Erased(member.id(), pseudonym, donated, donation == null ? null : donation.id());
    }

    private void lock(String memberId) {
        jdbc.prepareStatement("SELECT id FROM member WHERE id = ? FOR UPDATE", ps -> {
            ps.setString(1, memberId);
            ps.executeQuery().close();
            return null;
        });
    }

    private void update(String sql, String... args) {
        jdbc.prepareStatement(sql, ps -> {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            return ps.executeUpdate();
        });
    }
}
