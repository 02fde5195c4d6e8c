package org.timeledger.access;

import org.timeledger.problem.Refusal;
import org.timeledger.support.Clocks;
import org.timeledger.support.SqlTimes;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import org.timeledger.problem.RejectedException;
import org.timeledger.schemes.Partner;
import org.timeledger.support.Ids;
import org.timeledger.support.Secrets;
import org.timeledger.support.Transactions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

    private final JdbcOperations jdbc;
    private final Transactions transactions;
    private final Clock clock;

    public ApiKeys(JdbcOperations jdbc, Transactions transactions, Clock clock) {
        this.jdbc = jdbc;
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
        ApiKey key = new ApiKey("key_" + body, partner.id(), partner.schemeId(), label.strip(), now(), null, null);
        transactions.write(() -> jdbc.prepareStatement("INSERT INTO api_key (id, partner_id, scheme_id, label, secret_hash, "
                + "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, key.id());
            ps.setString(2, key.partnerId());
            ps.setString(3, key.schemeId());
            ps.setString(4, key.label());
            ps.setString(5, Secrets.sha256Hex(secret));
            ps.setString(6, caller.principalId());
            ps.setObject(7, SqlTimes.of(key.createdAt()));
            return ps.executeUpdate();
        }));
        return new Created(key, "tlk_" + body + "_" + secret);
    }

    public List<ApiKey> of(Partner partner) {
        return transactions.read(() -> jdbc.prepareStatement("SELECT " + COLUMNS + " FROM api_key WHERE partner_id = ? ORDER BY id", ps -> {
            ps.setString(1, partner.id());
            List<ApiKey> keys = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(key(rs));
                }
            }
            return keys;
        }));
    }

    /** Revokes a key of the caller's scheme; revoking a revoked key changes nothing. */
    public void revoke(Caller caller, String keyId) {
        transactions.write(() -> {
            ApiKey key = find(keyId).filter(k -> caller.inScheme(k.schemeId()))
                    .orElseThrow(() -> new RejectedException(Refusal.NOT_FOUND, "No API key " + keyId + "."));
            if (key.revokedAt() == null) {
                jdbc.prepareStatement("UPDATE api_key SET revoked_at = ? WHERE id = ?", ps -> {
                    ps.setObject(1, SqlTimes.of(now()));
                    ps.setString(2, keyId);
                    return ps.executeUpdate();
                });
            }
            return null;
        });
    }

    /** The till behind a presented key, if the key is well formed, known, matching and not revoked. */
    public Optional<Authentication> authenticate(String presented) {
        Matcher m = FORM.matcher(presented.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String keyId = "key_" + m.group(1);
        String secretHash = Secrets.sha256Hex(m.group(2));
        return transactions.write(() -> {
            // one read: the key with its secret's hash
            Optional<Object[]> found = jdbc.prepareStatement("SELECT " + COLUMNS + ", secret_hash FROM api_key WHERE id = ?", ps -> {
                ps.setString(1, keyId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Object[]{key(rs), rs.getString(8)}) : Optional.<Object[]>empty();
                }
            });
            if (found.isEmpty() || ((ApiKey) found.get()[0]).revokedAt() != null
                    || !Secrets.sameHash((String) found.get()[1], secretHash)) {
                return Optional.empty();
            }
            ApiKey key = (ApiKey) found.get()[0];
            touch(key);
            return Optional.of(Authentication.build(keyId, List.of(Role.PARTNER.name()), Map.of(
                    Caller.PRINCIPAL_ID, keyId, Caller.SCHEME_ID, key.schemeId(), Caller.PARTNER_ID, key.partnerId())));
        });
    }

    private void touch(ApiKey key) {
        Instant now = now();
        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            jdbc.prepareStatement("UPDATE api_key SET last_used_at = ? WHERE id = ?", ps -> {
                ps.setObject(1, SqlTimes.of(now));
                ps.setString(2, key.id());
                return ps.executeUpdate();
            });
        }
    }

    private static final String COLUMNS = "id, partner_id, scheme_id, label, created_at, last_used_at, revoked_at";

    private Optional<ApiKey> find(String keyId) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM api_key WHERE id = ?", ps -> {
            ps.setString(1, keyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(key(rs)) : Optional.<ApiKey>empty();
            }
        });
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        return new ApiKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), SqlTimes.instant(rs, 5),
                SqlTimes.instant(rs, 6), SqlTimes.instant(rs, 7));
    }

    private Instant now() {
        return Clocks.now(clock);
    }
}
