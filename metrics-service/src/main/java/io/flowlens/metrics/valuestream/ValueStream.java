package io.flowlens.metrics.valuestream;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A named set of scopes and the time zone its days are counted in. */
@Entity
@Table(name = "value_stream")
public class ValueStream extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, length = 64)
    public String tenantId;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(name = "time_zone", nullable = false, length = 64)
    public String timeZone;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<Scope> scopes;

    /** Whether sub-tasks count beside their parents in this stream's metrics (default: they do not). */
    @Column(name = "count_subtasks", nullable = false)
    public boolean countSubtasks;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
