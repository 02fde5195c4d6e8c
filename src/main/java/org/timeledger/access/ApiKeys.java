package org.timeledger.access;

import org.timeledger.support.Text;
import org.timeledger.audit.Action;
import org.timeledger.audit.AuditTrail;
import org.timeledger.audit.Changes;
import org.timeledger.audit.Subject;
import org.timeledger.problem.Refusal;
import org.timeledger.support.Clocks;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import org.timeledger.problem.RejectedException;
import org.timeledger.schemes.Partner;
import org.timeledger.support.Ids;
import org.timeledger.support.Secrets;
import org.timeledger.support.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;

/**
 * Tills' API keys. A key reads {@code tlk_<id>_<secret>}: the id finds the row, the secret is
 * checked against a stored SHA-256 hash. A key acts as role PARTNER for its partner only, and
 * is checked against the database on every request, so a revocation takes effect on the next.
 */
@Singleton
public class ApiKeys {
    private static final Pattern FORM = Pattern.compile("tlk_([0-9A-Z]{26})_([A-Za-z0-9_-]{43})");
    // last_used_at is a hint for administrators, not an audit trail: write it at most once a minute
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final AuditTrail audit;
    private final ApiKeyStore store;
    private final Transactions transactions;
    private final Clock clock;

    public ApiKeys(AuditTrail audit, ApiKeyStore store, Transactions transactions, Clock clock) {
        this.audit = audit;
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A key as administrators see it: never its secret. */
    public record ApiKey(String id, String partnerId, String schemeId, String label, Instant createdAt,
                         Instant lastUsedAt, Instant revokedAt) {
    }

    /** A new key and the one time its full text is shown. */
    public record Created(ApiKey key, String secretKey) {
    }

    public Created create(Caller caller, Partner partner, String label) {
        String body = Ids.newId("key").substring(4);
        String secret = Secrets.randomToken(32);
        ApiKey key = new ApiKey("key_" + body, partner.id(), partner.schemeId(), Text.strip(label), now(), null, null);
        transactions.write(() -> {
            store.insert(key, Secrets.sha256Hex(secret), caller.principalId());
            audit.record(caller, key.schemeId(), Action.TILL_KEY_ISSUED, Subject.tillKey(key.id()),
                    Changes.of().field("partnerId", null, key.partnerId()).field("label", null, key.label()));
            return null;
        });
        return new Created(key, "tlk_" + body + "_" + secret);
    }

    public List<ApiKey> of(Partner partner) {
        return transactions.read(() -> store.ofPartner(partner.id()));
    }

    /** Revokes a key of the caller's scheme; revoking a revoked key changes nothing. */
    public void revoke(Caller caller, String keyId) {
        transactions.write(() -> {
            ApiKey key = store.find(keyId).filter(k -> caller.inScheme(k.schemeId()))
                    .orElseThrow(() -> new RejectedException(Refusal.NOT_FOUND, "No API key " + keyId + "."));
            if (key.revokedAt() == null) {
                Instant at = now();
                store.revoke(keyId, at);
                audit.record(caller, key.schemeId(), Action.TILL_KEY_REVOKED, Subject.tillKey(key.id()),
                        Changes.of().field("revokedAt", null, at));
            }
            return null;
        });
    }

    /** The till behind a presented key, if the key is well formed, known, matching and not revoked. */
    public Optional<Authentication> authenticate(String presented) {
        Matcher m = FORM.matcher(Text.strip(presented));
        if (!m.matches()) {
            return Optional.empty();
        }
        String keyId = "key_" + m.group(1);
        String secretHash = Secrets.sha256Hex(m.group(2));
        // a read: an unknown, wrong or revoked key is refused without taking a write lock
        Optional<ApiKeyStore.WithSecret> found = transactions.read(() -> store.findWithSecret(keyId));
        if (found.isEmpty() || found.get().key().revokedAt() != null
                || !Secrets.sameHash(found.get().secretHash(), secretHash)) {
            return Optional.empty();
        }
        ApiKey key = found.get().key();
        touch(key);
        return Optional.of(Authentication.build(keyId, List.of(Role.PARTNER.name()), Map.of(
                Caller.PRINCIPAL_ID, keyId, Caller.SCHEME_ID, key.schemeId(), Caller.PARTNER_ID, key.partnerId())));
    }

    /** Notes when a good key was used, at most once a minute: the only write a till's request may cost here. */
    private void touch(ApiKey key) {
        Instant now = now();
        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            transactions.write(() -> {
                store.touch(key.id(), now);
                return null;
            });
        }
    }

    private Instant now() {
        return Clocks.now(clock);
    }
}
