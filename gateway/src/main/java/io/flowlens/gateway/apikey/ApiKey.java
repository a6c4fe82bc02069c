package io.flowlens.gateway.apikey;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An API key of a tenant. The key itself is never stored: only its SHA-256 hash. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    @Column(length = 36)
    public String id;

    @Column(name = "tenant_id", nullable = false, length = 36)
    public String tenantId;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false, length = 20)
    public String role;

    /** The visible part of the key (flk_1a2b3c4d) so people can tell their keys apart. */
    @Column(nullable = false, length = 20)
    public String prefix;

    @Column(name = "key_hash", nullable = false, length = 64, unique = true)
    public String keyHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "rotated_at")
    public Instant rotatedAt;
}
