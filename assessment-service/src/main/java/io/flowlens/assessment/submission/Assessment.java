package io.flowlens.assessment.submission;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A scored submission: its answers and headline; the full result is re-derived from the answers. */
@Entity
@Table(name = "assessment")
public class Assessment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "organisation_id", nullable = false)
    public UUID organisationId;

    @Column(name = "questionnaire_version", nullable = false)
    public String questionnaireVersion;

    /** Statement id → answer, as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String answers;

    @Column(name = "overall_index", nullable = false)
    public double overallIndex;

    @Column(nullable = false)
    public int level;

    /** When the organisation was assessed: now, or the back-dated instant a caller gave. */
    @Column(name = "assessed_at", nullable = false)
    public Instant assessedAt;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "draft_id")
    public UUID draftId;

    /** 1 when scored, raised by each correction: the metrics feed keeps the highest. */
    @Column(nullable = false)
    public long revision = 1;

    /** When the answers were last corrected; null if never. */
    @Column(name = "corrected_at")
    public Instant correctedAt;
}
