package io.flowlens.assessment.submission;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.flowlens.assessment.config.AssessmentConfig;
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * {@code Idempotency-Key} claims. A claim is a row inserted and committed in its own transaction
 * before the work starts, so a concurrent retry sees it: in flight (409), answered (the first
 * result) or made with another body (422).
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";

    @Inject
    EntityManager em;

    @Inject
    AssessmentConfig config;

    /** Outcome of a claim: empty when this request may do the work, else the assessment to answer with. */
    public Optional<UUID> claim(String tenantId, String key, String digest) {
        if (key.isBlank() || key.length() > 255) {
            throw ApiException.badParameter(HEADER, "must be 1 to 255 characters");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            int inserted = em.createNativeQuery("insert into idempotency_key (tenant_id, key, request_digest, created_at)"
                    + " values (?1, ?2, ?3, ?4) on conflict do nothing")
                    .setParameter(1, tenantId).setParameter(2, key).setParameter(3, digest)
                    .setParameter(4, Instant.now()).executeUpdate();
            if (inserted == 1) {
                return Optional.<UUID>empty();
            }
            Object[] row = (Object[]) em.createNativeQuery("select request_digest, assessment_id, created_at"
                    + " from idempotency_key where tenant_id = ?1 and key = ?2 for update")
                    .setParameter(1, tenantId).setParameter(2, key).getSingleResult();
            if (!digest.equals(row[0])) {
                throw new ApiException(422, "idempotency-key-reused", "Idempotency key reused",
                        "this Idempotency-Key was used with a different request body; nothing was changed",
                        List.of(new Problem.FieldError(HEADER, "already used with another body")));
            }
            if (row[1] != null) {
                return Optional.of((UUID) row[1]);
            }
            Instant startedAt = row[2] instanceof Instant i ? i : ((java.time.OffsetDateTime) row[2]).toInstant();
            if (startedAt.isBefore(Instant.now().minus(config.idempotency().inFlightTimeout()))) {
                // The first request died without an answer: this retry takes its place.
                em.createNativeQuery("update idempotency_key set created_at = ?3 where tenant_id = ?1 and key = ?2")
                        .setParameter(1, tenantId).setParameter(2, key).setParameter(3, Instant.now()).executeUpdate();
                return Optional.<UUID>empty();
            }
            throw new ApiException(409, "request-in-flight", "Request in flight",
                    "a request with this Idempotency-Key is still being processed; retry shortly");
        });
    }

    /** Records the answer, in the transaction that stores the assessment. */
    void complete(String tenantId, String key, UUID assessmentId) {
        em.createNativeQuery("update idempotency_key set assessment_id = ?3 where tenant_id = ?1 and key = ?2")
                .setParameter(1, tenantId).setParameter(2, key).setParameter(3, assessmentId).executeUpdate();
    }

    /** Frees the key when the request failed, so the caller can fix it and retry with the same key. */
    void release(String tenantId, String key) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from idempotency_key where tenant_id = ?1 and key = ?2 and assessment_id is null")
                .setParameter(1, tenantId).setParameter(2, key).executeUpdate());
    }

    /** SHA-256 of the request as stored (answers in key order), so formatting does not matter. */
    static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
