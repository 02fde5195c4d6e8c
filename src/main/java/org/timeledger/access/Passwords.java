package org.timeledger.access;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.timeledger.support.RunMode;
import org.timeledger.support.StartupRefused;

import java.nio.charset.StandardCharsets;

/** bcrypt hashes for passwords (at.favre.lib:bcrypt). */
@Singleton
public class Passwords {
    public static final int MIN_LENGTH = 10;
    // bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut
    public static final int MAX_BYTES = 72;

    private final int cost;
    /** Made at the first failed look-up, not at start-up, where a bcrypt hash costs a third of a second. */
    private volatile String dummyHash;

    /** Below this, stolen hashes are cheap to crack: only benchmarks go lower, never production (OWASP: 10). */
    static final int MIN_PRODUCTION_COST = 10;

    public Passwords(@Value("${timeledger.bcrypt-cost:12}") int cost, RunMode mode) {
        if (mode.production() && cost < MIN_PRODUCTION_COST) {
            throw new StartupRefused("TIMELEDGER_BCRYPT_COST is " + cost + "; TIMELEDGER_MODE=production needs "
                    + MIN_PRODUCTION_COST + " or more (12 is the default). Unset it.");
        }
        this.cost = cost;
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        return BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
    }

    /** Spends the time of one check, so that an unknown username answers as slowly as a known one. */
    public void spendCheckTime(String password) {
        String dummy = dummyHash;
        if (dummy == null) {
            dummy = hash("a password nobody has"); // two threads may both make one: harmless
            dummyHash = dummy;
        }
        matches(password, dummy);
    }

    /** Why a new password is not acceptable, or null when it is. */
    public static String problemWith(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "must be at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "must be at most " + MAX_BYTES + " bytes";
        }
        return null;
    }
}
