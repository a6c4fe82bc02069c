package io.flowlens.gateway.tenant;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.flowlens.common.identity.Caller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.ApiException;
import io.flowlens.gateway.apikey.ApiKeyDtos.CreateKey;
import io.flowlens.gateway.apikey.ApiKeyDtos.CreatedKey;
import io.flowlens.gateway.apikey.ApiKeyDtos.KeyRole;
import io.flowlens.gateway.apikey.ApiKeyService;
import io.flowlens.gateway.tenant.TenantDtos.CreateTenant;
import io.flowlens.gateway.tenant.TenantDtos.TenantCreated;
import io.flowlens.gateway.tenant.TenantDtos.TenantView;

@ApplicationScoped
public class TenantService {

    @Inject
    ApiKeyService keys;

    /** Creates a tenant with a first admin key, so the platform operator can hand it over. */
    @Transactional
    public TenantCreated create(CreateTenant request) {
        Tenant tenant = new Tenant();
        tenant.id = UUID.randomUUID().toString();
        tenant.name = request.name().strip();
        tenant.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (request.rateLimit() != null) {
            tenant.rateLimitCapacity = request.rateLimit().capacity();
            tenant.rateLimitRefillPerSecond = request.rateLimit().refillPerSecond();
        }
        tenant.persist();
        CreatedKey admin = keys.create(tenant, new CreateKey("initial admin key", KeyRole.admin, null));
        return new TenantCreated(TenantView.of(tenant), admin);
    }

    public TenantView get(Caller caller, String tenantId) {
        return TenantView.of(accessible(caller, tenantId));
    }

    /**
     * The tenant if the caller may manage it: the platform any, an admin only its own. Another
     * tenant's id is a 404, as if it did not exist.
     */
    public static Tenant accessible(Caller caller, String tenantId) {
        boolean platform = Roles.PLATFORM.equals(caller.role());
        if (!platform && !tenantId.equals(caller.tenantId())) {
            throw ApiException.notFound("tenant", tenantId);
        }
        Tenant tenant = Tenant.findById(tenantId);
        if (tenant == null) {
            throw ApiException.notFound("tenant", tenantId);
        }
        return tenant;
    }
}
