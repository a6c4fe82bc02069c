package io.flowlens.metrics.valuestream;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.validation.Validator;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.metrics.config.MetricsConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The first value stream created after a start took seconds: the pool's first connections, the
 * ORM's first insert and JSON mapping, the first transaction, classes loaded and code not yet
 * compiled, all on the caller's request. At start, before the service is ready, this runs the
 * creation path once for a plain and a label-narrowed stream, in a transaction that is rolled back
 * (nothing is kept): the request body read, validated, the stream inserted and flushed, the counts
 * it needs registered, its status read and its answer written. A database that cannot be reached
 * only makes it give up (logged); it never stops the start.
 */
@ApplicationScoped
public class ValueStreamWarmUp {

    private static final Logger LOG = Logger.getLogger(ValueStreamWarmUp.class);

    @Inject
    ValueStreamService service;

    @Inject
    ObjectMapper json;

    @Inject
    Validator validator;

    @Inject
    MetricsConfig config;

    void warm(@Observes StartupEvent event) {
        if (!config.warmUp().enabled()) {
            return;
        }
        long started = System.nanoTime();
        String tenant = "warm-up-" + UUID.randomUUID(); // never committed
        try {
            for (ValueStreamRequest request : List.of(
                    new ValueStreamRequest("Warm-up", "Europe/Berlin", List.of(new Scope("c", "p", null, null)), null),
                    new ValueStreamRequest("Warm-up", "UTC",
                            List.of(new Scope("c", "p", List.of("l"), List.of("feature"))), true))) {
                ValueStreamRequest read = json.readValue(json.writeValueAsString(request), ValueStreamRequest.class);
                validator.validate(read);
                QuarkusTransaction.begin();
                try {
                    ValueStreamView created = service.create(tenant, read);
                    Panache.getEntityManager().flush();
                    json.writeValueAsString(service.get(tenant, created.id()));
                } finally {
                    QuarkusTransaction.rollback();
                }
            }
            LOG.infof("value stream creation warmed up in %d ms", (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            LOG.warnf("warming up value stream creation gave up after %d ms: %s", (System.nanoTime() - started) / 1_000_000,
                    e.toString());
        }
    }
}
