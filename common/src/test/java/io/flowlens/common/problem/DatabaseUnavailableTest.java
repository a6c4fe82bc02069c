package io.flowlens.common.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    private static RuntimeException wrapped(Throwable cause) {
        // As Hibernate and the transaction manager hand it over: a persistence failure in a rollback.
        return new IllegalStateException("rollback", new RuntimeException("could not execute query", cause));
    }

    @Test
    void connectionFailuresAndServerShutdownsAreUnavailable() {
        assertTrue(DatabaseUnavailable.isCause(wrapped(new SQLException("Connection refused", "08001"))));
        assertTrue(DatabaseUnavailable.isCause(wrapped(new SQLException("I/O error", "08006"))));
        assertTrue(DatabaseUnavailable.isCause(wrapped(new SQLException("terminating connection", "57P01"))));
        assertTrue(DatabaseUnavailable.isCause(wrapped(new SQLException("the database system is starting up", "57P03"))));
        assertTrue(DatabaseUnavailable.isCause(wrapped(new SQLException("too many clients", "53300"))));
        assertTrue(DatabaseUnavailable.isCause(wrapped(new SQLTransientConnectionException("pool exhausted"))));
        assertTrue(DatabaseUnavailable.isCause(wrapped(
                new SQLException("Acquisition timeout while waiting for new connection"))));
        assertTrue(DatabaseUnavailable.isCause(wrapped(new SQLException("Sorry, acquisition timeout!"))));
    }

    @Test
    void otherDatabaseFailuresAreNot() {
        assertFalse(DatabaseUnavailable.isCause(wrapped(new SQLException("duplicate key", "23505"))));
        assertFalse(DatabaseUnavailable.isCause(wrapped(new SQLException("syntax error", "42601"))));
        assertFalse(DatabaseUnavailable.isCause(new IllegalArgumentException("nothing to do with it")));
    }
}
