package io.flowlens.assessment.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.flowlens.assessment.config.AssessmentConfig;
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.DatabaseUnavailable;
import io.flowlens.common.problem.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * {@code Idempotency-Key} for every creating POST of this service, one implementation for all.
 *
 * <p>A claim is a row inserted and committed in its own transaction before the work starts, so a
 * concurrent request with the same key finds it: in flight (409), answered (the first result again,
 * {@code Idempotent-Replayed: true}) or made with another request (422). The work records the
 * resource it created in its own transaction, so the resource and the answer to the key commit
 * together; a refused request frees the key. Keys are scoped per tenant and kept for the
 * configured retention.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    /** OpenAPI text of the request header, the same on every operation that takes it. */
    public static final String KEY_DESCRIPTION = "Optional, 1 to 255 printable ASCII characters, unique per tenant"
            + " (a UUID does). A retry with the same key and the same body answers the first result again (with"
            + " Idempotent-Replayed: true) and creates nothing; the same key with another body is 422"
            + " idempotency-key-reused; a retry while the first request is still running is 409 request-in-flight."
            + " A refused request frees its key. Keys are kept 24 hours.";
    /** OpenAPI text of the response header. */
    public static final String REPLAYED_DESCRIPTION = "true when this is the stored answer to an earlier request with"
            + " the same Idempotency-Key; nothing was created";

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);

    /** Requests are compared as canonical JSON: the same fields and values, whatever their order or spacing. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    @Inject
    EntityManager em;

    @Inject
    AssessmentConfig config;

    /** What a creating POST answers: the resource, and whether it is an earlier request's answer replayed. */
    public record Outcome<T>(T resource, boolean replayed) {

        /** 201 with the resource and its Location; {@code Idempotent-Replayed: true} on a replay. */
        public Response created(String location) {
            Response.ResponseBuilder response = Response.status(201).header("Location", location).entity(resource);
            if (replayed) {
                response.header(REPLAYED, "true");
            }
            return response.build();
        }
    }

    /** Handed to the work: it records the created resource, inside the work's own transaction. */
    public interface Claim {
        void created(UUID resourceId);
    }

    private static final class Recorder implements Claim {
        private final IdempotencyKeys keys;
        private final String scope;
        private final String key;
        private boolean recorded;

        Recorder(IdempotencyKeys keys, String scope, String key) {
            this.keys = keys;
            this.scope = scope;
            this.key = key;
        }

        @Override
        public void created(UUID resourceId) {
            if (key != null) {
                keys.complete(scope, key, resourceId);
            }
            recorded = true;
        }
    }

    /**
     * Runs a creating request once per key.
     *
     * @param scope the tenant: keys of different tenants never meet
     * @param key the caller's {@code Idempotency-Key}, or null to just do the work
     * @param operation method and path template, e.g. {@code POST /api/v1/organisations}
     * @param request what the caller asked for (compared as canonical JSON with the first request's)
     * @param work does the work in its own transaction and calls {@link Claim#created} inside it
     * @param replay reads the resource an earlier request with this key created
     */
    public <T> Outcome<T> create(String scope, String key, String operation, Object request,
            Function<Claim, T> work, Function<UUID, T> replay) {
        if (key == null) {
            return new Outcome<>(work.apply(new Recorder(this, scope, null)), false);
        }
        requireWellFormed(key);
        Optional<UUID> earlier = claim(scope, key, operation, digest(operation, request));
        if (earlier.isPresent()) {
            return new Outcome<>(replay.apply(earlier.get()), true);
        }
        Recorder recorder = new Recorder(this, scope, key);
        T created;
        try {
            created = work.apply(recorder);
        } catch (RuntimeException e) {
            try {
                release(scope, key);
            } catch (RuntimeException unreleased) {
                // The database went away mid-request: the caller hears why the work failed (a 503
                // to retry), and the key, still in flight, is taken over after the in-flight timeout.
                e.addSuppressed(unreleased);
            }
            throw e;
        }
        if (!recorder.recorded) {
            throw new IllegalStateException(operation + " did not record what it created for its Idempotency-Key");
        }
        return new Outcome<>(created, false);
    }

    static void requireWellFormed(String key) {
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw ApiException.badParameter(HEADER, "must be 1 to 255 printable ASCII characters");
        }
    }

    /** Empty when this request may do the work, else the resource created by the first request with the key. */
    Optional<UUID> claim(String scope, String key, String operation, String digest) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int inserted = em.createNativeQuery("insert into idempotency_key (tenant_id, key, operation, request_digest,"
                    + " created_at) values (?1, ?2, ?3, ?4, ?5) on conflict do nothing")
                    .setParameter(1, scope).setParameter(2, key).setParameter(3, operation).setParameter(4, digest)
                    .setParameter(5, Instant.now()).executeUpdate();
            if (inserted == 1) {
                return Optional.<UUID>empty();
            }
            Object[] row = (Object[]) em.createNativeQuery("select request_digest, resource_id, created_at"
                    + " from idempotency_key where tenant_id = ?1 and key = ?2 for update")
                    .setParameter(1, scope).setParameter(2, key).getSingleResult();
            if (!digest.equals(row[0])) {
                throw new ApiException(422, "idempotency-key-reused", "Idempotency key reused",
                        "this Idempotency-Key was used with another request (operation or body); nothing was changed",
                        List.of(new Problem.FieldError(HEADER, "already used with another request")));
            }
            if (row[1] != null) {
                return Optional.of((UUID) row[1]);
            }
            Instant startedAt = row[2] instanceof Instant i ? i : ((OffsetDateTime) row[2]).toInstant();
            if (startedAt.isBefore(Instant.now().minus(config.idempotency().inFlightTimeout()))) {
                // The first request died without an answer: this retry takes its place.
                em.createNativeQuery("update idempotency_key set created_at = ?3 where tenant_id = ?1 and key = ?2")
                        .setParameter(1, scope).setParameter(2, key).setParameter(3, Instant.now()).executeUpdate();
                return Optional.<UUID>empty();
            }
            throw new ApiException(409, "request-in-flight", "Request in flight",
                    "a request with this Idempotency-Key is still being processed; retry shortly");
        });
    }

    /** Records the answer, in the transaction that stores the resource. */
    void complete(String scope, String key, UUID resourceId) {
        em.createNativeQuery("update idempotency_key set resource_id = ?3 where tenant_id = ?1 and key = ?2")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, resourceId).executeUpdate();
    }

    /** Frees the key when the request failed, so the caller can fix it and retry with the same key. */
    void release(String scope, String key) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from idempotency_key where tenant_id = ?1 and key = ?2 and resource_id is null")
                .setParameter(1, scope).setParameter(2, key).executeUpdate());
    }

    /** Forgets keys older than the retention; a key reused after that creates again. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        int purged;
        try {
            purged = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "delete from idempotency_key where created_at < ?1")
                    .setParameter(1, Instant.now().minus(config.idempotency().retention())).executeUpdate());
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.isCause(e)) {
                throw e;
            }
            // Nothing is lost: the next run (in an hour) purges what this one could not.
            LOG.warnf("idempotency keys not purged: the database cannot be reached (%s)", e.getMessage());
            return;
        }
        if (purged > 0) {
            LOG.debugf("purged %d idempotency keys past their retention", purged);
        }
    }

    /** SHA-256 of the operation and the request as canonical JSON, so formatting and field order do not matter. */
    public static String digest(String operation, Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(CANONICAL.writeValueAsBytes(request));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
