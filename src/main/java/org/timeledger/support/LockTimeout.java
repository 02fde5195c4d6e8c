package org.timeledger.support;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Bounds how long a statement waits for a row lock, on H2 and on PostgreSQL alike, so that a
 * request whose twin (same Idempotency-Key) is still running gets a 409 rather than waiting
 * for ever, and a stuck transaction cannot hold every other one up.
 */
@Singleton
public class LockTimeout implements BeanCreatedEventListener<DatasourceConfiguration> {
    private final Duration timeout;

    public LockTimeout(@Value("${timeledger.lock-timeout:5s}") Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        String url = String.valueOf(config.getUrl());
        if (config.getConnectionInitSql() == null) {
            long millis = timeout.toMillis();
            if (url.startsWith("jdbc:postgresql:")) {
                config.setConnectionInitSql("SET lock_timeout = " + millis);
            } else if (url.startsWith("jdbc:h2:")) {
                config.setConnectionInitSql("SET LOCK_TIMEOUT " + millis);
            }
        }
        return config;
    }
}
