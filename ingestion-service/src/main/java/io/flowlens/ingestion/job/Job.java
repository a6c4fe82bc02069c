package io.flowlens.ingestion.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A long-running piece of work on a connection (an import, a remapping, a replay) and how far it got. */
@Entity
@Table(name = "job")
public class Job extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "connection_id", nullable = false)
    public UUID connectionId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String status;

    public String format;

    @Column(nullable = false)
    public long records;

    @Column(nullable = false)
    public long transitions;

    @Column(name = "items_changed", nullable = false)
    public long itemsChanged;

    public String message;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<Map<String, String>> errors;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The process running it ({@code replica/instance}); see {@link Jobs}. */
    public String owner;

    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;
}
