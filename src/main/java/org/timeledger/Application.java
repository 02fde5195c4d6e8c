package org.timeledger;

import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timeledger.support.StartupRefused;

public class Application {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    public static void main(String[] args) {
        new Launcher().classes(Application.class).args(args).start();
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
