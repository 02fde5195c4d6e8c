package org.timeledger.operations;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestDatabase;
import reactor.core.publisher.Mono;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness wants every migration of this build applied: a database one migration behind is not ready. */
class MigrationsHealthTest extends ServiceTest {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }

    @Test
    void aDatabaseBehindTheBuildIsNotReady() throws Exception {
        assertThat(anonymous.get("/health/readiness").status()).isEqualTo(200);
        DataSource dataSource = server.getApplicationContext().getBean(DataSource.class);
        assertThat(result(dataSource).getStatus()).isEqualTo(HealthStatus.UP);

        try (Connection c = sql(); Statement s = c.createStatement()) {
            // as if the newest migration had not run: its row leaves the history
            String newest;
            try (ResultSet rs = s.executeQuery("SELECT MAX(installed_rank) FROM \"flyway_schema_history\"")) {
                rs.next();
                newest = rs.getString(1);
            }
            s.execute("CREATE TABLE history_copy AS SELECT * FROM \"flyway_schema_history\" WHERE installed_rank = " + newest);
            s.execute("DELETE FROM \"flyway_schema_history\" WHERE installed_rank = " + newest);
            try {
                HealthResult behind = result(dataSource);
                assertThat(behind.getStatus()).isEqualTo(HealthStatus.DOWN);
                assertThat(((Map<?, ?>) behind.getDetails()).get("pending")).isEqualTo(1L);
            } finally {
                s.execute("INSERT INTO \"flyway_schema_history\" SELECT * FROM history_copy");
                s.execute("DROP TABLE history_copy");
            }
        }
        assertThat(result(dataSource).getStatus()).isEqualTo(HealthStatus.UP);
    }

    private static HealthResult result(DataSource dataSource) {
        return Mono.from(new MigrationsHealth(dataSource).getResult()).block();
    }
}
