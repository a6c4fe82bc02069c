package io.flowlens.assessment.organisation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.flowlens.assessment.idempotency.IdempotencyKeys;
import io.flowlens.assessment.organisation.OrganisationDtos.CreateOrganisation;
import io.flowlens.assessment.organisation.OrganisationDtos.OrganisationView;
import io.flowlens.assessment.paging.Keyset;
import io.flowlens.assessment.paging.Page;
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;

@ApplicationScoped
public class OrganisationService {

    /** An organisation's cohort keys; organisations never change once created, so these are cached. */
    public record Profile(UUID id, String tenantId, String industry, String sizeBand, String region) {
    }

    /** Bound on the cache; past it the cache starts over (a hot path look-up is a primary-key read anyway). */
    private static final int PROFILE_CACHE_LIMIT = 200_000;
    private final java.util.Map<UUID, Profile> profiles = new java.util.concurrent.ConcurrentHashMap<>();

    /** The tenant's organisation's profile, without a query when it was seen before; 404 as {@link #require}. */
    public Profile profile(String tenantId, UUID id) {
        Profile cached = id == null ? null : profiles.get(id);
        if (cached == null) {
            Organisation o = require(tenantId, id);
            cached = new Profile(o.id, o.tenantId, o.industry, o.sizeBand, o.region);
            if (profiles.size() >= PROFILE_CACHE_LIMIT) {
                profiles.clear();
            }
            profiles.put(id, cached);
        }
        if (!cached.tenantId().equals(tenantId)) {
            throw ApiException.notFound("organisation", id);
        }
        return cached;
    }

    /** Drops cached profiles of organisations that no longer exist (their tenant was erased). */
    public void forget(java.util.Collection<UUID> ids) {
        ids.forEach(profiles::remove);
    }

    public void forget(UUID id) {
        if (id != null) {
            profiles.remove(id);
        }
    }

    /** Whether a failure is a foreign key to an organisation that is gone (erased by another replica meanwhile). */
    public static boolean isGone(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23503".equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains("organisation")) {
                return true;
            }
        }
        return false;
    }

    @Transactional
    public OrganisationView create(String tenantId, CreateOrganisation request, IdempotencyKeys.Claim claim) {
        String size = Vocabulary.normaliseSize(request.sizeBand());
        List<Problem.FieldError> errors = new ArrayList<>();
        errors.add(Vocabulary.check("/industry", request.industry(), Vocabulary.INDUSTRIES));
        errors.add(Vocabulary.check("/sizeBand", size, Vocabulary.SIZE_BANDS));
        errors.add(Vocabulary.check("/region", request.region(), Vocabulary.REGIONS));
        errors.removeIf(Objects::isNull);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        Organisation o = new Organisation();
        o.id = UUID.randomUUID();
        o.tenantId = tenantId;
        o.name = request.name().trim();
        o.industry = request.industry();
        o.sizeBand = size;
        o.region = request.region();
        o.externalRef = request.externalRef();
        // Microseconds: what PostgreSQL keeps, so cursors compare equal to stored values.
        o.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        o.persist();
        claim.created(o.id);
        return OrganisationView.of(o);
    }

    @Transactional
    public OrganisationView get(String tenantId, UUID id) {
        return OrganisationView.of(require(tenantId, id));
    }

    /** The tenant's organisation, or 404 (also for another tenant's, so existence is not revealed). */
    @Transactional
    public Organisation require(String tenantId, UUID id) {
        return Organisation.ofTenant(tenantId, id).orElseThrow(() -> ApiException.notFound("organisation", id));
    }

    /** Newest first. */
    @Transactional
    public Page<OrganisationView> list(String tenantId, Integer limit, String cursor) {
        Keyset page = Keyset.of(limit, cursor);
        List<Organisation> rows = Organisation.find(page.where("tenantId = ?1", 1, "createdAt"),
                Keyset.newestFirst("createdAt"), page.params(tenantId)).range(0, page.size() - 1).list();
        String next = page.next(rows, o -> o.createdAt, o -> o.id);
        return new Page<>(rows.stream().map(OrganisationView::of).toList(), next);
    }
}
