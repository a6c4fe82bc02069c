package io.flowlens.metrics.centricity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one reader and writer of {@code centricity_assessment} and {@code centricity_link} (plain
 * JDBC). Every statement names the tenant. Joins the caller's transaction when there is one.
 */
@ApplicationScoped
public class CentricityStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<AssessmentEvent.Dimension>> DIMENSIONS = new TypeReference<>() {
    };

    @Inject
    DataSource dataSource;

    /** An assessment's scores as kept (never a tombstone). */
    record Scores(UUID assessmentId, UUID organisationId, String organisationName, long revision,
            String questionnaireVersion, Instant scoredAt, double index, List<AssessmentEvent.Dimension> dimensions) {
    }

    /** A link: the organisation whose scores a stream (null: the portfolio) shows. */
    record Link(UUID valueStreamId, UUID organisationId, Instant linkedAt) {
    }

    /** What became of one event. */
    enum Outcome { APPLIED, IGNORED, REFUSED }

    /**
     * Applies each event unless its assessment already has this revision or a higher one. An event
     * the database refuses all the same is refused alone (its savepoint is rolled back).
     */
    List<Outcome> apply(List<AssessmentEvent> events) {
        List<Outcome> out = new ArrayList<>(events.size());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into centricity_assessment (tenant_id, assessment_id,"
                        + " organisation_id, revision, deleted, organisation_name, questionnaire_version, scored_at,"
                        + " index_score, dimensions, received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)"
                        + " on conflict (tenant_id, assessment_id) do update set organisation_id = excluded.organisation_id,"
                        + " revision = excluded.revision, deleted = excluded.deleted,"
                        + " organisation_name = excluded.organisation_name,"
                        + " questionnaire_version = excluded.questionnaire_version, scored_at = excluded.scored_at,"
                        + " index_score = excluded.index_score, dimensions = excluded.dimensions,"
                        + " received_at = excluded.received_at where centricity_assessment.revision < excluded.revision")) {
            Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
            for (AssessmentEvent e : events) {
                ps.setString(1, e.tenantId());
                ps.setObject(2, e.assessmentId());
                ps.setObject(3, e.organisationId());
                ps.setLong(4, e.revision());
                ps.setBoolean(5, e.deleted());
                ps.setString(6, e.organisationName());
                ps.setString(7, e.questionnaireVersion());
                if (e.scoredAt() == null) {
                    ps.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setTimestamp(8, Timestamp.from(e.scoredAt()));
                }
                if (e.index() == null) {
                    ps.setNull(9, Types.DOUBLE);
                } else {
                    ps.setDouble(9, e.index());
                }
                ps.setString(10, e.dimensions() == null ? null : JSON.writeValueAsString(e.dimensions()));
                ps.setTimestamp(11, now);
                Savepoint before = c.getAutoCommit() ? null : c.setSavepoint();
                try {
                    out.add(ps.executeUpdate() == 1 ? Outcome.APPLIED : Outcome.IGNORED);
                    if (before != null) {
                        c.releaseSavepoint(before);
                    }
                } catch (SQLException refused) {
                    if (before == null) {
                        throw refused;
                    }
                    c.rollback(before);
                    out.add(Outcome.REFUSED);
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("applying assessment events failed", e);
        }
        return out;
    }

    /** The organisation's scored assessments, oldest first (withdrawn ones left out). */
    List<Scores> scores(String tenantId, UUID organisationId) {
        List<Scores> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select assessment_id, organisation_name, revision,"
                        + " questionnaire_version, scored_at, index_score, dimensions::text from centricity_assessment"
                        + " where tenant_id = ? and organisation_id = ? and not deleted order by scored_at, assessment_id")) {
            ps.setString(1, tenantId);
            ps.setObject(2, organisationId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Scores(rs.getObject(1, UUID.class), organisationId, rs.getString(2), rs.getLong(3),
                            rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getDouble(6),
                            JSON.readValue(rs.getString(7), DIMENSIONS)));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("reading customer-centricity scores failed", e);
        }
        return out;
    }

    /** The stream's link ({@code valueStreamId} null: the portfolio's), or null. */
    Link link(String tenantId, UUID valueStreamId) {
        String sql = "select value_stream_id, organisation_id, linked_at from centricity_link where tenant_id = ? and "
                + (valueStreamId == null ? "value_stream_id is null" : "value_stream_id = ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            if (valueStreamId != null) {
                ps.setObject(2, valueStreamId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Link(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant()) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading a customer-centricity link failed", e);
        }
    }

    /**
     * Links the stream (null: the portfolio) to the organisation, replacing any link it had; linking
     * again to the same organisation keeps the link as it was. One statement, so two concurrent
     * links end as one (the last).
     */
    Link setLink(String tenantId, UUID valueStreamId, UUID organisationId) {
        String target = valueStreamId == null ? "(tenant_id) where value_stream_id is null"
                : "(tenant_id, value_stream_id) where value_stream_id is not null";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into centricity_link (tenant_id, value_stream_id,"
                        + " organisation_id, linked_at) values (?, ?, ?, ?) on conflict " + target
                        + " do update set organisation_id = excluded.organisation_id, linked_at = excluded.linked_at"
                        + " where centricity_link.organisation_id <> excluded.organisation_id")) {
            ps.setString(1, tenantId);
            ps.setObject(2, valueStreamId);
            ps.setObject(3, organisationId);
            ps.setTimestamp(4, Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("linking failed", e);
        }
        return link(tenantId, valueStreamId);
    }

    /** Removes the link; whether there was one. */
    boolean unlink(String tenantId, UUID valueStreamId) {
        try (Connection c = dataSource.getConnection()) {
            return delete(c, tenantId, valueStreamId) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("unlinking failed", e);
        }
    }

    private static int delete(Connection c, String tenantId, UUID valueStreamId) throws SQLException {
        String sql = "delete from centricity_link where tenant_id = ? and "
                + (valueStreamId == null ? "value_stream_id is null" : "value_stream_id = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            if (valueStreamId != null) {
                ps.setObject(2, valueStreamId);
            }
            return ps.executeUpdate();
        }
    }

    /** The stream's IANA time zone, or null when the tenant has no such stream. */
    String zoneOf(String tenantId, UUID valueStreamId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select time_zone from value_stream where id = ? and tenant_id = ?")) {
            ps.setObject(1, valueStreamId);
            ps.setString(2, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading a value stream failed", e);
        }
    }
}
