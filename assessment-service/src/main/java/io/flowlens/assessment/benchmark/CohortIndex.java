package io.flowlens.assessment.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.flowlens.assessment.scoring.ScoreDistribution;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Every cohort's score distributions, in memory, kept in step with {@code latest_score}.
 *
 * <p>Each organisation's latest entry is counted in the eight cohorts it belongs to (industry,
 * size band and region each given or any), one {@link ScoreDistribution} per score, so a benchmark
 * over 100,000 organisations reads 1,001 counters instead of sorting 100,000 rows. This replica
 * applies its own submissions after commit; changes made by other replicas (or loaded in bulk) are
 * caught up by {@code seq} before each query and every few seconds, and a periodic full reload heals
 * what an out-of-order commit of two concurrent transactions could let the catch-up skip.
 * Removals (an erased tenant's organisations) are rows of {@code latest_score_removal} numbered
 * from the same sequence, so every replica learns them the same way.
 */
@ApplicationScoped
public class CohortIndex {

    private static final Logger LOG = Logger.getLogger(CohortIndex.class);

    @Inject
    AgroalDataSource dataSource;

    private Index index = new Index();

    /** A cohort's distributions with the benchmarked organisation's own latest entry taken out. */
    public record Others(ScoreDistribution[] distributions, long others) {
    }

    /** All versions' entries and distributions, plus the highest {@code seq} applied. */
    private static final class Index {
        final Map<String, Map<UUID, LatestScores.Entry>> latest = new HashMap<>();
        final Map<String, Map<String, ScoreDistribution[]>> cohorts = new HashMap<>();
        long watermark;

        /**
         * @param fromDatabase whether the entry was read by seq; only those move the watermark, so
         *        that applying this replica's own change never skips an earlier one another replica made
         */
        void apply(LatestScores.Entry entry, boolean fromDatabase) {
            if (fromDatabase) {
                watermark = Math.max(watermark, entry.seq());
            }
            Map<UUID, LatestScores.Entry> byOrg = latest.computeIfAbsent(entry.version(), v -> new HashMap<>());
            LatestScores.Entry old = byOrg.get(entry.organisationId());
            if (old != null && old.seq() >= entry.seq()) {
                return;
            }
            Map<String, ScoreDistribution[]> versionCohorts = cohorts.computeIfAbsent(entry.version(), v -> new HashMap<>());
            if (old != null) {
                for (String key : Cohort.keysOf(old)) {
                    ScoreDistribution[] d = versionCohorts.get(key);
                    for (int i = 0; i < old.tenths().length; i++) {
                        d[i].remove(old.tenths()[i]);
                    }
                }
            }
            if (entry.tenths() == null) {
                // A removal: the organisation leaves every cohort (its tenant was erased).
                byOrg.remove(entry.organisationId());
                return;
            }
            byOrg.put(entry.organisationId(), entry);
            for (String key : Cohort.keysOf(entry)) {
                ScoreDistribution[] d = versionCohorts.computeIfAbsent(key, k -> newDistributions(entry.tenths().length));
                for (int i = 0; i < entry.tenths().length; i++) {
                    d[i].add(entry.tenths()[i]);
                }
            }
        }
    }

    private static ScoreDistribution[] newDistributions(int n) {
        ScoreDistribution[] d = new ScoreDistribution[n];
        for (int i = 0; i < n; i++) {
            d[i] = new ScoreDistribution();
        }
        return d;
    }

    private volatile boolean stopping;

    void load(@Observes StartupEvent start) {
        reload();
    }

    void stop(@Observes ShutdownEvent stop) {
        // Scheduled catch-ups that fire while the datasource closes would only log noise.
        stopping = true;
    }

    /** Applies this replica's own committed change at once. */
    public synchronized void apply(LatestScores.Entry entry) {
        index.apply(entry, false);
    }

    @Scheduled(every = "2s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!stopping) {
            catchUp();
        }
    }

    @Scheduled(every = "${flowlens.assessment.benchmark.full-reload:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reload() {
        if (stopping) {
            return;
        }
        Index fresh = new Index();
        long started = System.nanoTime();
        read(fresh, 0);
        synchronized (this) {
            // Changes applied while the fresh index was read are picked up again by seq.
            index = fresh;
        }
        catchUp();
        LOG.debugf("cohort index reloaded in %d ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** Reads the changes committed since the last one applied. */
    public void catchUp() {
        long from;
        Index current;
        synchronized (this) {
            from = index.watermark;
            current = index;
        }
        read(current, from);
    }

    /** Rows are read in bounded, seq-ordered batches: with a limit PostgreSQL walks the seq index. */
    private static final int BATCH = 5000;

    private void read(Index target, long after) {
        long from = after;
        int rows;
        do {
            rows = 0;
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("select organisation_id, questionnaire_version, industry,"
                            + " size_band, region, scores::text, seq from latest_score where seq > ?"
                            // removals come from the same sequence, so they interleave with new scores in order
                            + " union all select organisation_id, questionnaire_version, null, null, null, null, seq"
                            + " from latest_score_removal where seq > ? order by 7 limit ?")) {
                ps.setLong(1, from);
                ps.setLong(2, from);
                ps.setInt(3, BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LatestScores.Entry e = new LatestScores.Entry(rs.getObject(1, UUID.class), rs.getString(2),
                                rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6) == null ? null : LatestScores.parseArray(rs.getString(6)), rs.getLong(7));
                        synchronized (this) {
                            target.apply(e, true);
                        }
                        from = e.seq();
                        rows++;
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read latest scores", e);
            }
        } while (rows == BATCH);
    }

    /** The organisation's own latest entry for a version, if it has one. */
    public synchronized LatestScores.Entry latestOf(String version, UUID organisationId) {
        return index.latest.getOrDefault(version, Map.of()).get(organisationId);
    }

    /**
     * A copy of the cohort's distributions without the organisation's own latest entry, so that the
     * caller can add the score being benchmarked.
     */
    public synchronized Others others(String version, Cohort cohort, UUID organisationId, int scores) {
        ScoreDistribution[] stored = index.cohorts.getOrDefault(version, Map.of()).get(cohort.key());
        ScoreDistribution[] copy = new ScoreDistribution[scores];
        for (int i = 0; i < scores; i++) {
            copy[i] = stored == null ? new ScoreDistribution() : stored[i].copy();
        }
        LatestScores.Entry own = latestOf(version, organisationId);
        if (own != null && cohort.contains(own)) {
            for (int i = 0; i < scores; i++) {
                copy[i].remove(own.tenths()[i]);
            }
        }
        return new Others(copy, copy[0].size());
    }

    /** How many organisations other than this one the cohort holds (no copy). */
    public synchronized long othersCount(String version, Cohort cohort, UUID organisationId) {
        ScoreDistribution[] stored = index.cohorts.getOrDefault(version, Map.of()).get(cohort.key());
        long n = stored == null ? 0 : stored[0].size();
        LatestScores.Entry own = latestOf(version, organisationId);
        return own != null && cohort.contains(own) ? n - 1 : n;
    }

    /** Organisations with a scored assessment of a version. */
    public synchronized long organisations(String version) {
        return index.latest.getOrDefault(version, Map.of()).size();
    }
}
