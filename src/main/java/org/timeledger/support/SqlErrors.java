package org.timeledger.support;

import java.sql.SQLException;

/** Classifies database failures by SQLSTATE, the same codes on H2 and PostgreSQL. */
public final class SqlErrors {
    private SqlErrors() {
    }

    /** Serialization failure or deadlock: the transaction may simply be run again. */
    public static boolean isRetryable(Throwable t) {
        String state = sqlState(t);
        return "40001".equals(state) || "40P01".equals(state);
    }

    public static boolean isUniqueViolation(Throwable t) {
        return "23505".equals(sqlState(t));
    }

    /** A lock was not granted within the lock timeout (PostgreSQL 55P03, H2 HYT00). */
    public static boolean isLockTimeout(Throwable t) {
        String state = sqlState(t);
        return "55P03".equals(state) || "HYT00".equals(state);
    }

    /** The first SQLSTATE found along the chain of causes, or null. */
    public static String sqlState(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /** The message of the first SQLException along the chain, for matching constraint names. */
    public static String sqlMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql) {
                return String.valueOf(sql.getMessage());
            }
        }
        return "";
    }
}
