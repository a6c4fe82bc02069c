package io.flowlens.gateway.routing;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.flowlens.gateway.config.GatewayConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The gateway's access log: one line per /api call, as proxies keep it (nginx's {@code buffer=},
 * Envoy's file sink), apart from the application log. Each event loop collects its lines and
 * writes them together at most a flush interval later. Through the application logger, every
 * line took the console handler's lock that all event loops share, and one write; on two busy
 * cores the lock's park and wake-up cost more than the rest of the gateway's own work for a call
 * (bench/gateway: ~30 % of its CPU per call).
 */
@Singleton // no client proxy: it is called on every forwarded request
public class AccessLog {

    private static final Logger LOG = Logger.getLogger(AccessLog.class);

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    private boolean enabled;
    private long flushMillis;
    private OutputStream sink;
    private final Queue<LineBatch> batches = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<LineBatch> own = ThreadLocal.withInitial(() -> {
        LineBatch batch = new LineBatch(sink);
        batches.add(batch);
        return batch;
    });
    /** Lines from threads other than event loops (rare): written at once. */
    private LineBatch direct;
    private final AtomicBoolean failed = new AtomicBoolean();

    @PostConstruct
    void open() {
        GatewayConfig.AccessLog settings = config.accessLog();
        enabled = settings.enabled();
        flushMillis = Math.max(1, settings.flushInterval().toMillis());
        try {
            sink = "stdout".equals(settings.path()) ? new FileOutputStream(FileDescriptor.out)
                    : new FileOutputStream(settings.path(), true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the access log " + settings.path() + ": " + e.getMessage(), e);
        }
        direct = new LineBatch(sink);
    }

    /** Logs one call's line (see {@link GatewayRoutes#accessLine}) under its request id. */
    public void log(String requestId, String message) {
        if (!enabled) {
            return;
        }
        long now = System.currentTimeMillis();
        try {
            if (!Context.isOnEventLoopThread()) {
                direct.add(now, requestId, message);
                direct.flush();
                return;
            }
            LineBatch batch = own.get();
            if (batch.add(now, requestId, message)) {
                // The first line since the last write: the loop writes the batch in a moment.
                vertx.setTimer(flushMillis, id -> flush(batch));
            }
        } catch (IOException e) {
            failed(e);
        }
    }

    private void flush(LineBatch batch) {
        try {
            batch.flush();
        } catch (IOException e) {
            failed(e);
        }
    }

    private void failed(IOException e) {
        // Reported once: a sink that is gone would otherwise fill the application log.
        if (failed.compareAndSet(false, true)) {
            LOG.errorf("cannot write the access log (%s); lines are dropped", e.getMessage());
        }
    }

    /** Nothing collected is lost at shutdown. */
    @PreDestroy
    void close() {
        batches.forEach(this::flush);
    }
}
