package org.timeledger;

import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timeledger.support.StartupRefused;

import java.util.Set;

public class Application {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);
    /** The appenders of logback.xml that TIMELEDGER_LOG_FORMAT may name. */
    static final Set<String> LOG_FORMATS = Set.of("text", "json");

    public static void main(String[] args) {
        String logFormat = System.getenv("TIMELEDGER_LOG_FORMAT");
        if (logFormat != null && !LOG_FORMATS.contains(logFormat)) {
            // logback found no appender of that name and writes nothing at all, so this goes to stderr
            System.err.println("Refusing to start: TIMELEDGER_LOG_FORMAT=" + logFormat + " is neither text nor json.");
            System.exit(StartupRefused.EXIT_STATUS);
        }
        // the banner goes to stdout past logback: in JSON it would be the one line that is not JSON
        boolean banner = !"json".equals(logFormat);
        new Launcher().classes(Application.class).args(args).banner(banner).start();
    }

    /**
     * Micronaut's start-up, except that a configuration we refuse ({@link StartupRefused}) is
     * one log line saying what to set, and exit status 78, not a page of stack trace.
     */
    static final class Launcher extends Micronaut {
        @Override
        protected void handleStartupException(Environment environment, Throwable exception) {
            StartupRefused refused = StartupRefused.in(exception);
            if (refused != null && !environment.getActiveNames().contains(Environment.TEST)) {
                LOG.error(refused.getMessage());
                System.exit(StartupRefused.EXIT_STATUS);
            }
            super.handleStartupException(environment, exception);
        }
    }
}
