package org.timeledger.schemes.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import org.timeledger.schemes.ContactMethod;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.MemberContact;
import org.timeledger.schemes.MemberStatus;
import org.timeledger.schemes.Organisation;
import org.timeledger.schemes.Partner;
import org.timeledger.schemes.Scheme;

/** Response bodies of the schemes feature. */
public final class SchemeViews {
    private SchemeViews() {
    }

    @Serdeable
    public record SchemeView(String code, String name, long memberFloorMinutes, int holdMinutes,
                             String issuanceAccountId, String communityPotAccountId, Instant createdAt,
                             int backdateDays, @Nullable Long weeklyEarnCapMinutes, boolean allocationsRequired,
                             String timeZone, int issuanceAccounts, int paymentRequestDays,
                             long lowestMemberFloorMinutes) {
        public static SchemeView of(Scheme s) {
            return new SchemeView(s.code(), s.name(), s.memberFloorMinutes(), s.holdMinutes(),
                    s.issuanceAccountId(), s.communityPotAccountId(), s.createdAt(), s.backdateDays(),
                    s.weeklyEarnCapMinutes(), s.allocationsRequired(), s.timeZone(), s.issuanceAccounts(),
                    s.paymentRequestDays(), s.lowestMemberFloorMinutes());
        }
    }

    /**
     * One rule's change: its field, its value before and after as text ("-600", "true",
     * "Europe/London"; absent for "none", a weekly cap removed), who changed it and when.
     */
    @Serdeable
    public record SettingChangeView(String field, @Nullable String before, @Nullable String after, String changedBy,
                                    @Nullable String changedByName, Instant changedAt) {
    }

    /**
     * A member as staff and the member themselves see them. {@code details} (how to reach them,
     * why they left) is personal data: only in the staff view, {@link #forStaff}.
     */
    @Serdeable
    public record MemberView(String id, String schemeCode, String displayName, @Nullable String ward,
                             String cardNumber, String accountId, Instant createdAt, MemberStatus status,
                             @Nullable DetailsView details) {
        public static MemberView of(Member m, String schemeCode) {
            return new MemberView(m.id(), schemeCode, m.displayName(), m.ward(), m.cardNumber(), m.accountId(),
                    m.createdAt(), m.status(), null);
        }

        public static MemberView forStaff(Member m, String schemeCode, MemberContact contact) {
            return new MemberView(m.id(), schemeCode, m.displayName(), m.ward(), m.cardNumber(), m.accountId(),
                    m.createdAt(), m.status(), DetailsView.of(m, contact));
        }
    }

    /** How to reach a member and, if they left, when and why: for the scheme's staff only. */
    @Serdeable
    public record DetailsView(@Nullable String phone, @Nullable String email, @Nullable String postalAddress,
                              @Nullable ContactMethod preferredContact, @Nullable String notes,
                              @Nullable Instant deactivatedAt, @Nullable String deactivationReason) {
        /** The member's details; null when there are none, so a view carries no empty object. */
        static DetailsView of(Member m, MemberContact c) {
            DetailsView d = new DetailsView(c.phone(), c.email(), c.postalAddress(), c.preferredContact(), c.notes(),
                    m.deactivatedAt(), m.deactivationReason());
            return d.equals(new DetailsView(null, null, null, null, null, null, null)) ? null : d;
        }
    }

    /** A newly registered member, with the activation code they log in with (shown only here). */
    @Serdeable
    public record RegisteredMemberView(String id, String schemeCode, String displayName, @Nullable String ward,
                                       String cardNumber, String accountId, Instant createdAt, MemberStatus status,
                                       String activationCode, Instant activationCodeExpiresAt) {
        static RegisteredMemberView of(Member m, String schemeCode, String code, Instant expiresAt) {
            return new RegisteredMemberView(m.id(), schemeCode, m.displayName(), m.ward(), m.cardNumber(), m.accountId(),
                    m.createdAt(), m.status(), code, expiresAt);
        }
    }

    /** An organisation or a partner: both are a named party with an account. */
    @Serdeable
    public record PartyView(String id, String schemeCode, String name, @Nullable String ward, String accountId,
                            Instant createdAt) {
        static PartyView of(Organisation o, String schemeCode) {
            return new PartyView(o.id(), schemeCode, o.name(), o.ward(), o.accountId(), o.createdAt());
        }

        static PartyView of(Partner p, String schemeCode) {
            return new PartyView(p.id(), schemeCode, p.name(), p.ward(), p.accountId(), p.createdAt());
        }
    }
}
