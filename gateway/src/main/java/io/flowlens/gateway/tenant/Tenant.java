package io.flowlens.gateway.tenant;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A customer of the platform; every key and every row in the services belongs to one. */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {

    @Id
    @Column(length = 36)
    public String id;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Optional override of the gateway's default bucket size for this tenant's keys. */
    @Column(name = "rate_limit_capacity")
    public Integer rateLimitCapacity;

    @Column(name = "rate_limit_refill_per_second")
    public Double rateLimitRefillPerSecond;
}
