package io.flowlens.ingestion.mapping;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.flowlens.ingestion.config.IngestionConfig;
import io.flowlens.ingestion.connection.Connection;
import io.flowlens.ingestion.connection.ConnectionService;
import io.flowlens.ingestion.domain.DefaultMappings;
import io.flowlens.ingestion.domain.FlowMapping;
import io.flowlens.ingestion.domain.FlowState;
import io.flowlens.ingestion.domain.FlowType;
import io.flowlens.ingestion.item.ItemFacts;
import io.flowlens.ingestion.job.Job;
import io.flowlens.ingestion.job.JobView;
import io.flowlens.ingestion.job.Jobs;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Reads and replaces a connection's mapping; a change re-derives every item of it (a job). */
@ApplicationScoped
public class MappingService {

    @Inject
    ConnectionService connections;

    @Inject
    ItemFacts items;

    @Inject
    Jobs jobs;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IngestionConfig config;

    @Inject
    SeenCategories seenCategories;

    public MappingView get(String tenantId, UUID connectionId) {
        Connection c = connections.require(tenantId, connectionId);
        Map<String, Map<String, String>> o = c.mapping == null ? Map.of() : c.mapping;
        FlowMapping d = DefaultMappings.forTracker(c.kind);
        return new MappingView(new MappingOverrides(o.getOrDefault(ConnectionMappings.TYPES, Map.of()),
                o.getOrDefault(ConnectionMappings.LABELS, Map.of()), o.getOrDefault(ConnectionMappings.STATUSES, Map.of()),
                o.getOrDefault(ConnectionMappings.RESOLUTIONS, Map.of())),
                new MappingView.Defaults(words(d.types(), FlowType::word), words(d.labels(), FlowType::word),
                        words(d.statuses(), FlowState::word), words(d.categories(), FlowState::word),
                        words(d.resolutions(), FlowState::word)), seenCategories(connectionId));
    }

    private Map<String, String> seenCategories(UUID connectionId) {
        try (java.sql.Connection c = dataSource.getConnection()) {
            return new TreeMap<>(SeenCategories.latest(c, connectionId));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Validates and stores the overrides, then starts the job that re-derives the connection's items. */
    public JobView replace(String tenantId, UUID connectionId, MappingOverrides overrides) {
        List<Problem.FieldError> errors = new ArrayList<>();
        check(overrides.types(), "types", w -> FlowType.fromWord(w).isPresent(), "feature, defect, risk or debt",
                errors);
        check(overrides.labels(), "labels", w -> FlowType.fromWord(w).isPresent(), "feature, defect, risk or debt",
                errors);
        check(overrides.statuses(), "statuses", w -> FlowState.fromWord(w).isPresent(),
                "new, active, waiting, done or canceled", errors);
        check(overrides.resolutions(), "resolutions",
                w -> FlowState.fromWord(w).filter(st -> st == FlowState.DONE || st == FlowState.CANCELED).isPresent(),
                "done or canceled", errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        Connection saved = QuarkusTransaction.requiringNew().call(() -> {
            Connection c = connections.require(tenantId, connectionId);
            Map<String, Map<String, String>> m = new LinkedHashMap<>();
            m.put(ConnectionMappings.TYPES, lower(overrides.types()));
            m.put(ConnectionMappings.LABELS, lower(overrides.labels()));
            m.put(ConnectionMappings.STATUSES, lower(overrides.statuses()));
            m.put(ConnectionMappings.RESOLUTIONS, lower(overrides.resolutions()));
            c.mapping = m;
            c.updatedAt = Instant.now();
            return c;
        });
        Job job = jobs.create(tenantId, connectionId, "remap", null);
        jobs.start(job.id, id -> rederiveAll(saved, id));
        return JobView.of(job);
    }

    /** Every item of the connection, page by page, each page in its own transaction with its outbox events. */
    private void rederiveAll(Connection connection, UUID jobId) {
        FlowMapping mapping = ConnectionMappings.effective(connection);
        int batch = config.writeBatchSize();
        UUID after = null;
        long seen = 0;
        long changed = 0;
        try (java.sql.Connection c = dataSource.getConnection()) {
            items.refreshStatistics(c); // pages of 1,000 ids read by index, not by scanning every transition
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        while (true) {
            UUID from = after;
            long[] result = QuarkusTransaction.requiringNew().call(() -> {
                try (java.sql.Connection c = dataSource.getConnection()) {
                    List<UUID> ids = items.itemsAfter(c, connection.tenantId, connection.id, from, batch);
                    if (ids.isEmpty()) {
                        return new long[] {0, 0, 0, 0};
                    }
                    // With the categories the connection has seen by now (read again only when they changed).
                    int n = items.derivePage(c, connection.tenantId, connection.id,
                            seenCategories.withSeen(c, connection.id, mapping), ids);
                    UUID last = ids.get(ids.size() - 1);
                    return new long[] {ids.size(), n, last.getMostSignificantBits(), last.getLeastSignificantBits()};
                } catch (SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            if (result[0] == 0) {
                break;
            }
            seen += result[0];
            changed += result[1];
            after = new UUID(result[2], result[3]);
            long s = seen;
            long ch = changed;
            jobs.update(jobId, j -> {
                j.records = s;
                j.itemsChanged = ch;
            });
        }
    }

    private static void check(Map<String, String> map, String name, java.util.function.Predicate<String> valid,
            String allowed, List<Problem.FieldError> errors) {
        if (map == null) {
            return;
        }
        map.forEach((k, v) -> {
            if (k == null || k.isBlank()) {
                errors.add(new Problem.FieldError("/" + name, "keys must not be blank"));
            } else if (v == null || !valid.test(v)) {
                errors.add(new Problem.FieldError("/" + name + "/" + k.replace("~", "~0").replace("/", "~1"),
                        "'" + v + "' is not one of " + allowed));
            }
        });
    }

    private static Map<String, String> lower(Map<String, String> map) {
        Map<String, String> out = new TreeMap<>();
        if (map != null) {
            map.forEach((k, v) -> out.put(k.trim(), v.trim().toLowerCase()));
        }
        return out;
    }

    private static <V> Map<String, String> words(Map<String, V> map, Function<V, String> word) {
        Map<String, String> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, word.apply(v)));
        return out;
    }
}
