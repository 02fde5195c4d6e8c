package org.timeledger.support;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

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

    /**
     * The database could not be reached, or dropped the connection: SQLSTATE class 08
     * (connection exception), 57P01-57P03 (PostgreSQL shutting down, crashed or still
     * starting), or the pool's timeout waiting for a connection it could not open (HikariCP
     * gives that timeout the opening's failure as its cause, whatever its SQLSTATE: a refused
     * login, a database not accepting connections; a timeout with no cause means every
     * connection was busy, which is not this). The
     * request failed before or while it ran; nothing it did was kept unless its commit got
     * through, and a retry with the same Idempotency-Key finds out which.
     */
    public static boolean isConnectionFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLNonTransientConnectionException || c instanceof java.net.ConnectException
                    || isClosedByPool(c) || (c instanceof SQLTransientConnectionException && c.getCause() != null)) {
                return true;
            }
            if (c instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /**
     * HikariCP evicts a connection that failed with a connection error and puts a closed
     * stand-in under its proxy; whatever the transaction manager then does with it (restoring
     * read-only, rolling back) fails with this plain SQLException, which hides the first error.
     */
    private static boolean isClosedByPool(Throwable t) {
        return t instanceof SQLException sql && sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage());
    }

    /** The pool had no connection free within its timeout (and none failed to open): every one was busy. */
    public static boolean isPoolTimeout(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof SQLTransientConnectionException) {
                return c.getCause() == null;
            }
        }
        return false;
    }

    /**
     * A connection failure on a connection the pool handed out, which had died meanwhile (the
     * database restarted): worth one more try on another. Not when the pool timed out waiting
     * for a connection, which means the database is down and trying again only waits again.
     */
    public static boolean isStaleConnection(Throwable t) {
        if (!isConnectionFailure(t)) {
            return false;
        }
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof SQLTransientConnectionException) {
                return false;
            }
        }
        return true;
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
}
