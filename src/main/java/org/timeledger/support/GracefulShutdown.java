package org.timeledger.support;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.core.order.Ordered;
import io.micronaut.runtime.graceful.GracefulShutdownConfiguration;
import io.micronaut.runtime.graceful.GracefulShutdownManager;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Says in the log how a shutdown went. Micronaut does the work
 * ({@code micronaut.lifecycle.graceful-shutdown}, application.yml): on SIGTERM the server
 * stops accepting connections and the requests in flight run to their end, for up to the
 * grace period ({@code TIMELEDGER_SHUTDOWN_GRACE}); only then are the beans destroyed, the
 * scheduled jobs (the hold sweep) with their executor and the database pool among them. This
 * listener runs just after that wait, so its line tells an operator whether any request was
 * cut short.
 */
@Singleton
@Requires(property = "micronaut.lifecycle.graceful-shutdown.enabled", value = "true")
public class GracefulShutdown implements ApplicationEventListener<ShutdownEvent>, Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);

    private final GracefulShutdownManager manager;
    private final Duration gracePeriod;

    public GracefulShutdown(GracefulShutdownManager manager, GracefulShutdownConfiguration configuration) {
        this.manager = manager;
        this.gracePeriod = configuration.getGracePeriod();
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        OptionalLong unfinished = manager.reportActiveTasks();
        if (unfinished.isPresent() && unfinished.getAsLong() > 0) {
            LOG.warn("Shutting down: the grace period of {} s ran out with {} request(s) or connection(s) still open; "
                    + "they are cut off.", gracePeriod.toSeconds(), unfinished.getAsLong());
        } else {
            LOG.info("Shutting down gracefully: no longer accepting connections, every request in flight has finished; "
                    + "closing the database pool.");
        }
    }

    /** After Micronaut's own listener, which waits for the requests in flight (it is HIGHEST_PRECEDENCE). */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 1;
    }
}
