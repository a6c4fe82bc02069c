package io.flowlens.assessment.organisation;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An organisation being assessed, owned by the tenant that created it. */
@Entity
@Table(name = "organisation")
public class Organisation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String industry;

    @Column(name = "size_band", nullable = false)
    public String sizeBand;

    @Column(nullable = false)
    public String region;

    @Column(name = "external_ref")
    public String externalRef;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The organisation if it belongs to the tenant; another tenant's id looks like no organisation. */
    public static Optional<Organisation> ofTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResultOptional();
    }
}
