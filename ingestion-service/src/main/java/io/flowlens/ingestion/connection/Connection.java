package io.flowlens.ingestion.connection;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A tenant's link to one tracker: its kind, its secret (encrypted or hashed) and its mapping overrides. */
@Entity
@Table(name = "connection")
public class Connection extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String name;

    @Column(name = "secret_ciphertext")
    public String secretCiphertext;

    @Column(name = "secret_hash")
    public String secretHash;

    /** The tenant's overrides: {@code {"types": {...}, "labels": {...}, "statuses": {...}}}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, Map<String, String>> mapping;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** This tenant's connection, or null: another tenant's id finds nothing. */
    public static Connection findForTenant(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }
}
