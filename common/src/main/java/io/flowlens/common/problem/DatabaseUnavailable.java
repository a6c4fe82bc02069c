package io.flowlens.common.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Tells a database that cannot be reached (down, restarting, refusing connections, the pool
 * unable to hand out a connection in time) from any other failure, whatever wraps it (Hibernate,
 * JPA, transactions, our own code). Such a failure is the caller's to retry: a 503 with
 * {@code Retry-After}, never a 500.
 */
public final class DatabaseUnavailable {

    /** Seconds a caller is told to wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    public static boolean isCause(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && unreachable(sql)) {
                return true;
            }
            // Hibernate's own name for it, matched by name: common does not depend on Hibernate.
            if ("org.hibernate.exception.JDBCConnectionException".equals(t.getClass().getName())) {
                return true;
            }
        }
        return false;
    }

    static boolean unreachable(SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
            String state = e.getSQLState();
            if (state != null && (state.startsWith("08") // connection exception
                    || state.equals("57P01") // admin shutdown
                    || state.equals("57P02") // crash shutdown
                    || state.equals("57P03") // cannot connect now (starting up, recovering)
                    || state.equals("53300"))) { // too many connections
                return true;
            }
            // Agroal's pool: no connection could be had within its acquisition timeout
            // ("Acquisition timeout while waiting for new connection", "Sorry, acquisition timeout!").
            String message = e.getMessage();
            if (state == null && message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                return true;
            }
            if (e.getNextException() == e) {
                break;
            }
        }
        return false;
    }
}
