package io.flowlens.assessment.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.flowlens.assessment.scoring.ScoreDistribution;
import io.flowlens.common.problem.DatabaseUnavailable;
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
 *
 * <p>Until its first full read has succeeded the index is <em>not loaded</em>: a database that
 * cannot be reached at start-up must not leave the service down, nor answer benchmarks from an
 * empty index. The read is retried in the background with the catch-up; meanwhile
 * {@link #others} and {@link #othersCount} throw {@link NotLoaded} (a 503 with Retry-After) and
 * readiness says DOWN ({@link CohortIndexReadiness}).
 */
@ApplicationScoped
public class CohortIndex {

    private static final Logger LOG = Logger.getLogger(CohortIndex.class);

    @Inject
    DataSource dataSource;

    private Index index = new Index();

    /** Whether a full read has succeeded: only then are the distributions the database's. */
    private volatile boolean loaded;

    /** Whether the last background read failed, so an outage is logged once, not every 2 s. */
    private volatile boolean failing;

    /** Benchmarks asked for before the index was first read: the caller is to retry shortly. */
    public static final class NotLoaded extends RuntimeException {
        NotLoaded() {
            super("the benchmark cohorts are not loaded yet (the database could not be read since start-up)",
                    null, false, false);
        }
    }

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

    /**
     * A failure is logged, not thrown: the service starts without its cohorts and {@link #poll}
     * retries until the database can be read.
     */
    void load(@Observes StartupEvent start) {
        background("load");
    }

    public boolean loaded() {
        return loaded;
    }

    void stop(@Observes ShutdownEvent stop) {
        // Scheduled catch-ups that fire while the datasource closes would only log noise.
        stopping = true;
    }

    /** Applies this replica's own committed change at once. */
    public synchronized void apply(LatestScores.Entry entry) {
        index.apply(entry, false);
    }

    /** Catches up every 2 s; until the index is loaded, tries the full read instead. */
    @Scheduled(every = "2s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        background(loaded ? "catch-up" : "load");
    }

    @Scheduled(every = "${flowlens.assessment.benchmark.full-reload:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodicReload() {
        background("reload");
    }

    /**
     * Runs a read off any request; a failure (the database unreachable, typically) keeps what is
     * in memory, is logged once per outage, and the next run tries again.
     */
    void background(String what) {
        if (stopping) {
            return;
        }
        try {
            if ("catch-up".equals(what)) {
                catchUp();
            } else {
                reload();
            }
            if (failing) {
                failing = false;
                LOG.infof("benchmark cohorts read again (%s)", what);
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                String why = DatabaseUnavailable.isCause(e) ? "the database cannot be reached" : String.valueOf(e);
                if (loaded) {
                    LOG.warnf("benchmark cohorts: %s failed (%s); keeping those in memory, retrying", what, why);
                } else {
                    LOG.warnf("benchmark cohorts not loaded (%s); benchmarks answer 503 until a retry succeeds", why);
                }
            }
        }
    }

    /** Reads every entry afresh and replaces the index; the first success makes it loaded. */
    void reload() {
        Index fresh = new Index();
        long started = System.nanoTime();
        read(fresh, 0);
        synchronized (this) {
            // Changes applied while the fresh index was read are picked up again by seq.
            index = fresh;
            loaded = true;
        }
        catchUp();
        LOG.debugf("cohort index reloaded in %d ms", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Reads the changes committed since the last one applied. Nothing to do before the index is
     * loaded: the full read will see them.
     */
    public void catchUp() {
        if (!loaded) {
            return;
        }
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
        requireLoaded();
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
        requireLoaded();
        ScoreDistribution[] stored = index.cohorts.getOrDefault(version, Map.of()).get(cohort.key());
        long n = stored == null ? 0 : stored[0].size();
        LatestScores.Entry own = latestOf(version, organisationId);
        return own != null && cohort.contains(own) ? n - 1 : n;
    }

    /** Organisations with a scored assessment of a version. */
    public synchronized long organisations(String version) {
        requireLoaded();
        return index.latest.getOrDefault(version, Map.of()).size();
    }

    /** Never a figure from an index that was not read: an empty one would pass for a real answer. */
    private void requireLoaded() {
        if (!loaded) {
            throw new NotLoaded();
        }
    }
}
