package org.timeledger.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants to and from TIMESTAMP WITH TIME ZONE columns, the same way on H2 and PostgreSQL:
 * written as UTC offsets, read back as instants.
 */
public final class SqlTimes {
    private SqlTimes() {
    }

    /** The value to bind for an instant. */
    public static OffsetDateTime of(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The instant in a column, or null. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
