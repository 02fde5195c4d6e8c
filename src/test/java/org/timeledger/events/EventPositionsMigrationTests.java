package org.timeledger.events;

import io.micronaut.context.ApplicationContext;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database whose events were numbered across all schemes (before V17): each keeps its position,
 * so that a consumer's stored cursor stays valid, and each scheme goes on from its own highest,
 * an event committed but not yet positioned included.
 */
abstract class EventPositionsMigrationTests {
    abstract TestDatabase database();

    @Test
    void positionsGivenBeforeStayAndEachSchemeGoesOnFromItsHighest() throws SQLException {
        TestDatabase database = database();
        Flyway.configure().dataSource(database.url(), database.username(), database.password())
                .locations("classpath:db/migration").target("16").load().migrate();
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO event (id, scheme_id, feed_position, type, occurred_at) VALUES "
                    + "('evt_1', 'sch_a', 1, 'member.registered', CURRENT_TIMESTAMP), "
                    + "('evt_2', 'sch_b', 2, 'member.registered', CURRENT_TIMESTAMP), "
                    + "('evt_3', 'sch_a', 3, 'member.registered', CURRENT_TIMESTAMP), "
                    + "('evt_4', 'sch_b', 4, 'member.registered', CURRENT_TIMESTAMP), "
                    + "('evt_5', 'sch_b', 5, 'member.registered', CURRENT_TIMESTAMP), "
                    + "('evt_6', 'sch_a', NULL, 'member.registered', CURRENT_TIMESTAMP)");
            s.executeUpdate("UPDATE event_sequencer SET last_position = 5");
        }

        try (ApplicationContext context = ApplicationContext.run(new HashMap<String, Object>(ServiceTest.properties(database)), "test")) {
            Sequencer sequencer = context.getBean(Sequencer.class);
            assertThat(sequencer.sequence("sch_a")).as("after its 3, not after the 5 of all schemes").isEqualTo(4);
            assertThat(sequencer.sequence("sch_b")).isEqualTo(5);
            assertThat(sequencer.sequence("sch_new")).as("a scheme with no event yet").isZero();
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO event (id, scheme_id, type, occurred_at) VALUES "
                        + "('evt_7', 'sch_b', 'member.registered', CURRENT_TIMESTAMP), "
                        + "('evt_8', 'sch_new', 'member.registered', CURRENT_TIMESTAMP)");
            }
            assertThat(sequencer.sequence("sch_b")).isEqualTo(6);
            assertThat(sequencer.sequence("sch_new")).isEqualTo(1);
            assertThat(positions(database, "sch_a")).containsExactly("evt_1 1", "evt_3 3", "evt_6 4");
            assertThat(positions(database, "sch_b")).containsExactly("evt_2 2", "evt_4 4", "evt_5 5", "evt_7 6");
            assertThat(positions(database, "sch_new")).containsExactly("evt_8 1");
        }
    }

    private static List<String> positions(TestDatabase database, String schemeId) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, feed_position FROM event WHERE scheme_id = ? ORDER BY feed_position")) {
            ps.setString(1, schemeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1) + " " + rs.getLong(2));
                }
            }
        }
        return found;
    }
}
