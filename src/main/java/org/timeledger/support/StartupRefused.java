package org.timeledger.support;

/**
 * The service will not start as configured. The message is the whole story for the operator,
 * one line naming what to set and how; {@code Application} logs it alone, without the stack
 * trace, and exits with {@link #EXIT_STATUS}.
 */
public final class StartupRefused extends RuntimeException {
    /** EX_CONFIG of sysexits.h: a configuration error, which restarting will not cure. */
    public static final int EXIT_STATUS = 78;

    public StartupRefused(String message) {
        super("Refusing to start: " + message, null, false, false);
    }

    /** The refusal among an exception and its causes (the context wraps it), or null. */
    public static StartupRefused in(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StartupRefused refused) {
                return refused;
            }
        }
        return null;
    }
}
