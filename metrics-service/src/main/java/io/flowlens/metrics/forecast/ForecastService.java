package io.flowlens.metrics.forecast;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.flowlens.common.problem.ApiException;
import io.flowlens.metrics.calc.MonteCarlo;
import io.flowlens.metrics.config.MetricsConfig;
import io.flowlens.metrics.flow.Definitions;
import io.flowlens.metrics.flow.Views.SubjectView;
import io.flowlens.metrics.timeline.Subject;
import io.flowlens.metrics.timeline.TimelineQueries;

/** "How many by date D?" and "when will N more be done?" from recent daily throughput. */
@ApplicationScoped
public class ForecastService {

    static final int[] CONFIDENCE = { 50, 85, 95 };
    static final int MAX_HISTORY_DAYS = 1_830;

    @Inject
    TimelineQueries queries;

    @Inject
    MetricsConfig config;

    public Forecast howMany(Subject subject, LocalDate until, Integer historyDays, Integer trials, Long seed) {
        LocalDate today = LocalDate.now(subject.zone());
        if (until.isBefore(today)) {
            throw ApiException.badParameter("until", "must be today (" + today + ") or later");
        }
        long days = ChronoUnit.DAYS.between(today, until) + 1;
        if (days > MonteCarlo.MAX_DAYS) {
            throw ApiException.badParameter("until", "must be within " + MonteCarlo.MAX_DAYS + " days");
        }
        Inputs in = inputs(subject, today, historyDays, trials, seed);
        long[] totals = in.simulation.howManyTrials((int) days);
        List<Forecast.Result> results = new ArrayList<>();
        for (int c : CONFIDENCE) {
            results.add(new Forecast.Result(c, MonteCarlo.atLeast(totals, c), null));
        }
        return new Forecast(SubjectView.of(subject), Definitions.VERSION, subject.zone().getId(), in.history, in.trials,
                in.seed, today, until, null, results);
    }

    public Forecast when(Subject subject, Long items, Integer historyDays, Integer trials, Long seed) {
        if (items == null || items < 1 || items > 10_000_000) {
            throw ApiException.badParameter("items", "must be a number of items between 1 and 10000000");
        }
        LocalDate today = LocalDate.now(subject.zone());
        Inputs in = inputs(subject, today, historyDays, trials, seed);
        long[] days = in.simulation.whenTrials(items);
        List<Forecast.Result> results = new ArrayList<>();
        for (int c : CONFIDENCE) {
            results.add(new Forecast.Result(c, null, MonteCarlo.doneBy(days, c, today)));
        }
        return new Forecast(SubjectView.of(subject), Definitions.VERSION, subject.zone().getId(), in.history, in.trials,
                in.seed, today, null, items, results);
    }

    private record Inputs(Forecast.History history, MonteCarlo simulation, int trials, long seed) {
    }

    private Inputs inputs(Subject subject, LocalDate today, Integer historyDays, Integer trials, Long seed) {
        int history = historyDays == null ? config.forecast().historyDays() : historyDays;
        if (history < 1 || history > MAX_HISTORY_DAYS) {
            throw ApiException.badParameter("historyDays", "must be between 1 and " + MAX_HISTORY_DAYS);
        }
        int n = trials == null ? config.forecast().trials() : trials;
        if (n < 1 || n > config.forecast().maxTrials()) {
            throw ApiException.badParameter("trials", "must be between 1 and " + config.forecast().maxTrials());
        }
        // No seed: pick one and report it, so any forecast can be repeated.
        long s = seed == null ? ThreadLocalRandom.current().nextLong(1L << 48) : seed;
        LocalDate first = today.minusDays(history);
        LocalDate last = today.minusDays(1);
        int[] perDay = queries.dailyThroughput(subject, first, last);
        long completions = 0;
        for (int v : perDay) {
            completions += v;
        }
        return new Inputs(new Forecast.History(first, last, history, completions), new MonteCarlo(perDay, n, s), n, s);
    }
}
