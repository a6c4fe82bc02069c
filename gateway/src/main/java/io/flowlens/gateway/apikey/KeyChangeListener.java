package io.flowlens.gateway.apikey;

import java.sql.Connection;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Tells this replica at once when a key was revoked or rotated on any replica: the change's
 * transaction sends {@code NOTIFY flowlens_api_keys, '<old key hash>'}, and this listener drops
 * that hash from memory so the next use looks it up in the database (and finds it revoked or
 * gone). After a lost connection it reloads every key, since notifications may have been missed.
 */
@ApplicationScoped
public class KeyChangeListener {

    static final String CHANNEL = "flowlens_api_keys";
    /**
     * How long one wait for notifications lasts: also how long a shutdown waits for the listener
     * to hand its connection back (a wait on the socket does not end on interrupt), before the
     * pool closes under it and logs the connection as closed while in use.
     */
    static final int WAIT_MILLIS = 1_000;
    private static final Logger LOG = Logger.getLogger(KeyChangeListener.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    KeyDirectory directory;

    private volatile boolean running;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::listen, "api-key-changes");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2L * WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void listen() {
        boolean reconnect = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (reconnect) {
                    directory.reload();
                    LOG.info("key change notifications back; every key read again");
                    reconnect = false;
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            directory.remove(notification.getParameter());
                        }
                    }
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                if (!reconnect) {
                    // Once per outage: a database away for minutes would otherwise log every 2 s.
                    LOG.warnf("lost the key change notifications (%s); reconnecting", e.getMessage());
                } else {
                    LOG.debugf("key change notifications still lost (%s)", e.getMessage());
                }
                reconnect = true;
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
