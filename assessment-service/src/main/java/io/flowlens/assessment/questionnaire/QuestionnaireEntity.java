package io.flowlens.assessment.questionnaire;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A published questionnaire version; the database refuses any update or delete of it. */
@Entity
@Table(name = "questionnaire")
public class QuestionnaireEntity extends PanacheEntityBase {

    @Id
    public String version;

    @Column(nullable = false)
    public String title;

    /** The {@link QuestionnaireDocument} as published. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String definition;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;
}
