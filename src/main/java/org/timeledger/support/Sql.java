package org.timeledger.support;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one query-bind-map helper for hand-written SQL (a feature's {@code *Store}): bind the
 * parameters, run the statement on the caller's transaction, map each row. Parameters bind by
 * their Java type: text, whole numbers, booleans, dates, instants (as UTC timestamps, see
 * {@link SqlTimes}) and enums (by name); a null binds as a value of no type, which the database
 * takes from the column. Where a statement needs more (a typed null in {@code ? IS NULL}, a
 * batch), {@link #query(String, Binder, Row)} and {@link #batch} take a binder.
 */
@Singleton
public class Sql {
    private final JdbcOperations jdbc;

    public Sql(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Binds a statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Binds one item of a batch. */
    @FunctionalInterface
    public interface ItemBinder<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    /** Every row the query returns, mapped, in the order returned. */
    public <T> List<T> list(String sql, Row<T> row, Object... params) {
        return query(sql, ps -> bind(ps, params), row);
    }

    /** The first row the query returns, mapped; empty if none. */
    public <T> Optional<T> first(String sql, Row<T> row, Object... params) {
        return jdbc.prepareStatement(sql, ps -> {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
            }
        });
    }

    /** A query that always returns one row (a count, a sum): that row, mapped. */
    public <T> T single(String sql, Row<T> row, Object... params) {
        return first(sql, row, params).orElseThrow(() -> new IllegalStateException("no row from: " + sql));
    }

    /** Every row, mapped, for a query whose parameters are bound by hand. */
    public <T> List<T> query(String sql, Binder binder, Row<T> row) {
        return jdbc.prepareStatement(sql, ps -> {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(row.map(rs));
                }
                return rows;
            }
        });
    }

    /** An INSERT, UPDATE or DELETE: the number of rows it touched. */
    public int update(String sql, Object... params) {
        return jdbc.prepareStatement(sql, ps -> {
            bind(ps, params);
            return ps.executeUpdate();
        });
    }

    /** One statement run for each item, as one batch: the rows each touched. */
    public <T> int[] batch(String sql, Collection<T> items, ItemBinder<T> binder) {
        if (items.isEmpty()) {
            return new int[0];
        }
        return jdbc.prepareStatement(sql, ps -> {
            for (T item : items) {
                binder.bind(ps, item);
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    /** As {@link #batch(String, Collection, ItemBinder)}, each item's parameters bound by their Java types. */
    public <T> int[] batch(String sql, Collection<T> items, Function<T, Object[]> params) {
        return batch(sql, items, (ps, item) -> bind(ps, params.apply(item)));
    }

    /** Binds parameters by their Java types, from the first. */
    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            int index = i + 1;
            Object value = params[i];
            if (value == null) {
                ps.setNull(index, Types.NULL);
            } else if (value instanceof String text) {
                ps.setString(index, text);
            } else if (value instanceof Long number) {
                ps.setLong(index, number);
            } else if (value instanceof Integer number) {
                ps.setInt(index, number);
            } else if (value instanceof Boolean flag) {
                ps.setBoolean(index, flag);
            } else if (value instanceof Instant instant) {
                ps.setObject(index, SqlTimes.of(instant));
            } else if (value instanceof Enum<?> constant) {
                ps.setString(index, constant.name());
            } else {
                ps.setObject(index, value);
            }
        }
    }
}
