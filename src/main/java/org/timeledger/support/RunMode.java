package org.timeledger.support;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;

import java.util.Locale;

/**
 * {@code timeledger.mode} (TIMELEDGER_MODE): {@code development}, the default, or
 * {@code production}. In production the service refuses to start with what is only fit for a
 * developer's machine: a token signing key generated into the database, a placeholder key, a
 * bcrypt cost lowered for benchmarks. A property of its own rather than a Micronaut
 * environment: it takes exactly one of two values, and a misspelt one stops the service instead
 * of quietly running it in development mode, where environments are a set that Micronaut also
 * fills in by itself (test, cloud providers, k8s).
 */
@Context
public class RunMode {
    public static final String PROPERTY = "timeledger.mode";

    private final boolean production;

    public RunMode(@Value("${timeledger.mode:development}") String mode) {
        String value = mode == null ? "" : mode.strip().toLowerCase(Locale.ROOT);
        this.production = switch (value) {
            case "production" -> true;
            case "development", "" -> false;
            default -> throw new StartupRefused("TIMELEDGER_MODE is '" + mode.strip()
                    + "'; set it to 'production' or 'development' (the default).");
        };
    }

    public boolean production() {
        return production;
    }
}
