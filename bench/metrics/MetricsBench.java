// Flowlens metrics-service benchmark: loads a synthetic tenant through POST /internal/v1/item-events
// and measures, from this (second) process over real HTTP, the latencies the issue sets targets for.
//
//   java bench/metrics/MetricsBench.java [--url http://127.0.0.1:8092] [--items 1000000] [--senders 2]
//
// Needs the service running against its own bench database (see README.md). No dependencies:
// identity tokens are signed here with the shared secret (HS256), JSON is written by hand.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class MetricsBench {

    static String url = "http://127.0.0.1:8092";
    static String secret = System.getenv().getOrDefault("FLOWLENS_IDENTITY_SECRET",
            "dev-only-identity-secret-change-me-0123456789");
    static int items = 1_000_000;
    static int senders = 2;
    static int projects = 10;
    static String dbName = "flowlens_metrics_bench";
    static String tenantArg;
    static String streamsArg;
    static String newZone = "Asia/Tokyo";
    static boolean outcomes; // --outcomes: also measure flow against outcomes (issue 17), see outcomes()
    static boolean outcomesOnly; // --outcomes-only: with --tenant, only those measurements
    static int creations;
    static boolean timeInStatusOnly;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String[] TYPES = { "feature", "feature", "feature", "defect", "defect", "risk", "debt" };

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--items" -> items = Integer.parseInt(args[i + 1]);
                case "--senders" -> senders = Integer.parseInt(args[i + 1]);
                case "--db" -> dbName = args[i + 1];
                case "--tenant" -> tenantArg = args[i + 1]; // re-measure a loaded tenant, no load
                case "--streams" -> streamsArg = args[i + 1]; // its two stream ids, comma-separated
                case "--new-zone" -> newZone = args[i + 1]; // a zone no stream of the tenant uses yet
                case "--outcomes" -> outcomes = Boolean.parseBoolean(args[i + 1]);
                case "--outcomes-only" -> outcomesOnly = outcomes = Boolean.parseBoolean(args[i + 1]);
                case "--creations" -> creations = Integer.parseInt(args[i + 1]); // only time N creations (after a restart)
                case "--time-in-status-only" -> { // with --tenant/--streams: only the time-in-status measurements
                    timeInStatusOnly = true;
                    i--;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String tenant = tenantArg != null ? tenantArg : UUID.randomUUID().toString();
        System.out.printf("tenant %s, %,d items, %d projects, %d senders, service %s%n", tenant, items, projects,
                senders, url);
        String stream;
        String streamUtc;
        long transitions = -1;
        if (tenantArg == null) {
            // Value streams first, like a real tenant: their zones' day counts are then kept from the start.
            stream = createStream(tenant, "Project 0 (Berlin)", "Europe/Berlin", "p0");
            streamUtc = createStream(tenant, "Project 1 (UTC)", "UTC", "p1");
            System.out.println("streams " + stream + "," + streamUtc);
            transitions = load(tenant);
        } else {
            stream = streamsArg.split(",")[0];
            streamUtc = streamsArg.split(",")[1];
        }
        // What autovacuum does shortly after a bulk load: statistics and the visibility map
        // (index-only scans). Measuring before it would measure a state production leaves quickly.
        long v = System.nanoTime();
        for (String table : List.of("flow_item", "day_state_delta", "month_state_delta", "load_change",
                "completion_histogram", "completed_status_day", "load_status_sum")) {
            String out = psql("vacuum analyze " + table); // one statement per call: vacuum refuses a transaction
            if (!out.isBlank() && !out.equals("VACUUM")) {
                System.out.println("vacuum " + table + ": " + out);
            }
        }
        System.out.printf("vacuum analyze after the load: %.0f s%n", (System.nanoTime() - v) / 1e9);
        if (outcomesOnly) {
            outcomes(tenant, stream);
            return;
        }
        System.out.println();
        System.out.println("== measurements (each request from this process, real HTTP, sequential) ==");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String w90 = "from=" + today.minusDays(89) + "&to=" + today.plusDays(1);
        if (timeInStatusOnly) {
            // --streams may name a third stream: one narrowed by a label.
            String[] ids = streamsArg.split(",");
            timeInStatus(tenant, stream, ids.length > 2 ? ids[2] : null, w90);
            return;
        }
        String w365 = "from=" + today.minusDays(364) + "&to=" + today.plusDays(1);
        System.out.println("uptime before: " + uptime());
        // Creating streams that need day counts the tenant does not keep: a zone no stream uses yet
        // (back-filled from every timeline) and a label-narrowed stream (its own counts). The request
        // answers at once; the back-fill runs as a job, and queries meanwhile come from the timelines.
        if (creations > 0) {
            // The first creations after a restart, in zones the tenant keeps (no back-fill), the
            // second of each pair narrowed by a label.
            token(tenant, "member");
            HTTP.send(HttpRequest.newBuilder(URI.create(url + "/bench-client-warm-up")).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            for (int k = 0; k < creations; k++) {
                long t0 = System.nanoTime();
                createStreamWithLabel(tenant, "Creation " + k, "Europe/Berlin", "p4", k % 2 == 0 ? null : "l5");
                System.out.printf("creation %d after the start: %d ms%n", k + 1, (System.nanoTime() - t0) / 1_000_000);
            }
            System.out.println("uptime: " + uptime());
            return;
        }
        // This process's own first request (its HTTP connection, its first HMAC signature) is not the
        // service's: made before the clock starts, against a path the service does not serve.
        token(tenant, "member");
        token(tenant, "reader");
        HTTP.send(HttpRequest.newBuilder(URI.create(url + "/bench-client-warm-up")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        long c0 = System.nanoTime();
        String tokyo = createStream(tenant, "Project 3 (" + newZone + ")", newZone, "p3");
        long createZoneMs = (System.nanoTime() - c0) / 1_000_000;
        c0 = System.nanoTime();
        String labelled = createStreamWithLabel(tenant, "Project 2, label l3", "UTC", "p2", "l3");
        long labelAnswered = System.nanoTime();
        long createLabelMs = (labelAnswered - c0) / 1_000_000;
        System.out.printf("create value stream in a new zone (%s): %d ms; narrowed by a label: %d ms "
                + "(target < 200 ms)%n", newZone, createZoneMs, createLabelMs);
        // An item batch of the tenant while the zone is back-filled: it waits for one chunk at most.
        long b0 = System.nanoTime();
        Instant fresh = Instant.now().minusSeconds(5);
        post("{\"events\":[{\"eventId\":\"during-" + UUID.randomUUID() + "\",\"tenantId\":\"" + tenant
                + "\",\"type\":\"item.upserted\",\"revision\":1,\"emittedAt\":\"" + fresh + "\",\"item\":{\"itemId\":\"during-"
                + UUID.randomUUID() + "\",\"connectionId\":\"bench-conn\",\"project\":\"p3\",\"flowType\":\"defect\","
                + "\"labels\":[],\"createdAt\":\"" + fresh + "\",\"transitions\":[{\"at\":\"" + fresh
                + "\",\"state\":\"active\"}]}}]}");
        System.out.printf("an item batch of the tenant during the back-fill: %d ms%n", (System.nanoTime() - b0) / 1_000_000);
        long during = System.nanoTime();
        String duringBody = get(tenant, "/api/v1/value-streams/" + labelled + "/flow?" + w90);
        System.out.printf("flow 90d of the label stream while its counts are prepared (from timelines): %d ms%n",
                (System.nanoTime() - during) / 1_000_000);
        String duringStatuses = get(tenant, "/api/v1/value-streams/" + labelled + "/time-in-status?" + w90);
        awaitReady(tenant, labelled, "label stream", labelAnswered);
        awaitReady(tenant, tokyo, newZone + " zone", labelAnswered - createLabelMs * 1_000_000);
        for (String table : List.of("stream_day_delta", "stream_month_delta", "stream_status_day", "stream_status_sum",
                "day_state_delta", "month_state_delta")) {
            psql("vacuum analyze " + table);
        }
        String readyBody = get(tenant, "/api/v1/value-streams/" + labelled + "/flow?" + w90);
        System.out.println("label stream: same figures from timelines and from its counts: "
                + duringBody.equals(readyBody));
        // Its time in status asked while its counts were prepared came from the rows per item (unless
        // the job was quicker than the two requests); now from its own sums.
        System.out.println("label stream: same time in status from the rows per item and from its sums: "
                + duringStatuses.equals(get(tenant, "/api/v1/value-streams/" + labelled + "/time-in-status?" + w90)));
        measure("flow 90d, value stream (1 of 10 projects, Berlin)", tenant, 60,
                "/api/v1/value-streams/" + stream + "/flow?" + w90, 100);
        measure("flow 90d, value stream narrowed by a label (~5% of a project)", tenant, 60,
                "/api/v1/value-streams/" + labelled + "/flow?" + w90, 100);
        measure("flow 90d, whole portfolio (all " + items + " items)", tenant, 60, "/api/v1/portfolio/flow?" + w90, 100);
        measure("cfd 365d, value stream (Berlin)", tenant, 40, "/api/v1/value-streams/" + stream + "/cfd?" + w365, 150);
        measure("cfd 365d, value stream narrowed by a label", tenant, 40,
                "/api/v1/value-streams/" + labelled + "/cfd?" + w365, 150);
        measure("cfd 365d, whole portfolio", tenant, 40, "/api/v1/portfolio/cfd?" + w365, 150);
        String midday = "from=" + today.minusDays(89) + "&to=" + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        measure("flow 90d to now (not a midnight), whole portfolio", tenant, 30, "/api/v1/portfolio/flow?" + midday,
                100);
        measure("flow 90d, value stream (UTC)", tenant, 30, "/api/v1/value-streams/" + streamUtc + "/flow?" + w90, 100);
        measure("flow 90d, value stream (Tokyo, zone back-filled by the job)", tenant, 30,
                "/api/v1/value-streams/" + tokyo + "/flow?" + w90, 100);
        measure("flow 90d + bucket=week, value stream", tenant, 20,
                "/api/v1/value-streams/" + stream + "/flow?" + w90 + "&bucket=week", 100);
        measure("forecast when?items=500, value stream (10,000 trials)", tenant, 10,
                "/api/v1/value-streams/" + stream + "/forecast/when?items=500", 500);
        measure("forecast how-many until +90d, portfolio (10,000 trials)", tenant, 10,
                "/api/v1/portfolio/forecast/how-many?until=" + today.plusDays(90), 500);
        measure("aging, value stream (first page)", tenant, 20, "/api/v1/value-streams/" + stream + "/aging", 0);
        if (outcomes) {
            outcomes(tenant, stream);
        }
        timeInStatus(tenant, stream, labelled, w90);
        freshness(tenant);
        System.out.println("uptime after: " + uptime());
        if (transitions >= 0) {
            System.out.printf("%nloaded: %,d items, %,d transitions%n", items, transitions);
        }
        databaseSize();
    }

    static long load(String tenant) throws Exception {
        Instant end = Instant.now().minus(1, ChronoUnit.HOURS);
        Instant start = end.minus(3 * 365, ChronoUnit.DAYS);
        long span = Duration.between(start, end).toSeconds();
        AtomicLong transitions = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        int batches = (items + 999) / 1000;
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<?>> futures = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            futures.add(pool.submit(() -> {
                for (int b = sender; b < batches; b += senders) {
                    // Items are created in time order, as a backfill replays history.
                    StringBuilder body = new StringBuilder(1_000 * 700).append("{\"events\":[");
                    int from = b * 1000;
                    int to = Math.min(items, from + 1000);
                    for (int i = from; i < to; i++) {
                        Instant created = start.plusSeconds(span * i / items);
                        if (i > from) {
                            body.append(',');
                        }
                        transitions.addAndGet(item(body, tenant, i, created, end));
                    }
                    body.append("]}");
                    post(body.toString());
                    long done = sent.addAndGet(to - from);
                    if ((done / 1000) % 50 == 0) {
                        double secs = (System.nanoTime() - t0) / 1e9;
                        System.out.printf("  %,9d items  %6.0f s  %,6.0f items/s%n", done, secs, done / secs);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("load: %,d items, %,d transitions in %.0f s (%,.0f items/s, %,.0f transitions/s)%n", items,
                transitions.get(), secs, items / secs, transitions.get() / secs);
        return transitions.get();
    }

    /** Appends one item.upserted event; returns its number of transitions (≈ 5 on average). */
    static int item(StringBuilder sb, String tenant, int i, Instant created, Instant now) {
        SplittableRandom r = new SplittableRandom(i * 7919L + 17);
        List<String[]> ts = new ArrayList<>();
        Instant at = created;
        ts.add(new String[] { at.toString(), "new" });
        int shape = r.nextInt(100);
        String[] path;
        if (shape < 60) {
            path = new String[] { "active", "waiting", "active", "done" };
        } else if (shape < 75) {
            path = new String[] { "active", "done", "active", "done" }; // reopened, done again
        } else if (shape < 83) {
            path = new String[] { "active", "new", "active", "done", "done" }; // back to new mid-flight
        } else if (shape < 90) {
            path = new String[] { "active", "waiting", "canceled" };
        } else if (shape < 95) {
            path = new String[] { "done" }; // done without start
        } else {
            path = new String[] { "waiting", "active", "waiting", "active", "done", "active" }; // reopened, open
        }
        for (String state : path) {
            at = at.plusSeconds(600 + r.nextLong(4 * 86_400));
            if (at.isAfter(now)) {
                break; // still in flight today
            }
            ts.add(new String[] { at.toString(), state });
        }
        String type = TYPES[r.nextInt(TYPES.length)];
        sb.append("{\"eventId\":\"e-").append(i).append("\",\"tenantId\":\"").append(tenant)
                .append("\",\"type\":\"item.upserted\",\"revision\":1,\"emittedAt\":\"").append(now)
                .append("\",\"item\":{\"itemId\":\"item-").append(i).append("\",\"connectionId\":\"bench-conn\",")
                .append("\"project\":\"p").append(i % projects).append("\",\"key\":\"P-").append(i)
                .append("\",\"title\":\"Synthetic item ").append(i).append("\",\"flowType\":\"").append(type)
                .append("\",\"labels\":[\"l").append(r.nextInt(20)).append("\"],\"createdAt\":\"").append(created)
                .append("\",\"transitions\":[");
        for (int k = 0; k < ts.size(); k++) {
            if (k > 0) {
                sb.append(',');
            }
            sb.append("{\"at\":\"").append(ts.get(k)[0]).append("\",\"state\":\"").append(ts.get(k)[1])
                    .append("\",\"status\":\"").append(status(ts.get(k)[1], i, k)).append("\"}");
        }
        sb.append("]}}");
        return ts.size();
    }

    /**
     * Flow against outcomes (issue 17): gives the Berlin stream a weekly business result over the
     * 3 years of the load (replaced on a re-run: an upload replaces its (category, date) pairs), then
     * times a correlation and the ranking over 3 years of weekly buckets (target: correlation p95
     * < 100 ms, sequential), the same for the whole portfolio, and value streams side by side.
     */
    static void outcomes(String tenant, String stream) throws Exception {
        System.out.println();
        System.out.println("== flow against outcomes (issue 17) ==");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = today.minusDays(3 * 365);
        StringBuilder body = new StringBuilder("[");
        SplittableRandom r = new SplittableRandom(17);
        int points = 0;
        for (LocalDate d = first; d.isBefore(today); d = d.plusWeeks(1), points++) {
            body.append(points == 0 ? "" : ",").append("{\"category\":\"value\",\"date\":\"").append(d)
                    .append("\",\"value\":").append(1000 + points * 3 + r.nextInt(200)).append('}');
        }
        body.append(']');
        HttpResponse<String> up = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/value-streams/" + stream
                + "/results/imports")).header("X-Flowlens-Identity", token(tenant, "member"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (up.statusCode() != 200 && up.statusCode() != 201) {
            throw new IllegalStateException("uploading results: " + up.statusCode() + " " + up.body());
        }
        System.out.printf("weekly results uploaded: %d points%n", points);
        String w3y = "from=" + first + "&bucket=week";
        measure("correlation 3y weekly, value stream (flowTimeP85 vs value, lag 2)", tenant, 40,
                "/api/v1/value-streams/" + stream + "/correlation?flow=flowTimeP85&category=value&lag=2&" + w3y, 100);
        measure("correlation 3y weekly, value stream (velocity vs value, lag 0)", tenant, 40,
                "/api/v1/value-streams/" + stream + "/correlation?flow=velocity&category=value&" + w3y, 100);
        measure("correlation-ranking 3y weekly, value stream (9 series x 7 lags)", tenant, 40,
                "/api/v1/value-streams/" + stream + "/correlation-ranking?category=value&" + w3y, 0);
        measure("correlation 3y weekly, whole portfolio (no portfolio results)", tenant, 10,
                "/api/v1/portfolio/correlation?flow=velocity&category=value&" + w3y, 0);
        measure("value-stream-summaries, all streams, 90 days", tenant, 20,
                "/api/v1/portfolio/value-stream-summaries?from=" + today.minusDays(89) + "&to=" + today.plusDays(1), 0);
    }

    /** The tracker status a synthetic transition entered (contract version 3): a few per flow state. */
    static String status(String state, int item, int k) {
        String[] names = switch (state) {
            case "new" -> new String[] { "Backlog", "To Do" };
            case "active" -> new String[] { "In Progress", "In Development", "Testing" };
            case "waiting" -> new String[] { "In Review", "Ready for QA", "Blocked", "Awaiting Deploy" };
            case "done" -> new String[] { "Done", "Released" };
            default -> new String[] { "Won't Do" };
        };
        return names[Math.floorMod(item * 31 + k * 7, names.length)];
    }

    /**
     * Time in status (where the time goes) for a 90-day window: a project stream, a label-narrowed
     * stream and the portfolio, each the items completed in the window and the load at its end;
     * then the same for windows that ended 30, 90 and 365 days ago.
     */
    static void timeInStatus(String tenant, String stream, String labelled, String w90) throws Exception {
        for (String table : List.of("completed_status_time", "load_status_time", "completed_status_day",
                "load_status_sum", "stream_status_day", "stream_status_sum")) {
            psql("vacuum analyze " + table);
        }
        measure("time in status 90d, value stream (1 of 10 projects)", tenant, 60,
                "/api/v1/value-streams/" + stream + "/time-in-status?" + w90, 100);
        if (labelled != null) {
            measure("time in status 90d, value stream narrowed by a label", tenant, 60,
                    "/api/v1/value-streams/" + labelled + "/time-in-status?" + w90, 100);
        }
        measure("time in status 90d, whole portfolio (all " + items + " items)", tenant, 60,
                "/api/v1/portfolio/time-in-status?" + w90, 100);
        // Windows that ended in the past: the load at `to` is read from the timelines of the items
        // in it that changed since (few runs: before V16 each took seconds).
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int ago : new int[] { 30, 90, 365 }) {
            String past = "from=" + today.minusDays(ago + 90) + "&to=" + today.minusDays(ago);
            measure("time in status 90d ending " + ago + "d ago, value stream", tenant, 10,
                    "/api/v1/value-streams/" + stream + "/time-in-status?" + past, 100, 1);
            if (labelled != null) {
                measure("time in status 90d ending " + ago + "d ago, label stream", tenant, 10,
                        "/api/v1/value-streams/" + labelled + "/time-in-status?" + past, 100, 1);
            }
            measure("time in status 90d ending " + ago + "d ago, portfolio", tenant, 10,
                    "/api/v1/portfolio/time-in-status?" + past, 100, 1);
        }
        System.out.println(psql("select 'completed_status_time ' || pg_size_pretty(pg_total_relation_size("
                + "'completed_status_time')) || ' (' || (select count(*) from completed_status_time) || ' rows);  "
                + "load_status_time ' || pg_size_pretty(pg_total_relation_size('load_status_time')) || ' (' || "
                + "(select count(*) from load_status_time) || ' rows)'"));
    }

    static void measure(String name, String tenant, int runs, String path, long targetMs) throws Exception {
        measure(name, tenant, runs, path, targetMs, 3);
    }

    static void measure(String name, String tenant, int runs, String path, long targetMs, int warmUps)
            throws Exception {
        for (int i = 0; i < warmUps; i++) {
            get(tenant, path); // warm-up
        }
        long[] ms = new long[runs];
        String last = null;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            last = get(tenant, path);
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(ms);
        long p50 = ms[(int) Math.ceil(0.50 * runs) - 1];
        long p95 = ms[(int) Math.ceil(0.95 * runs) - 1];
        System.out.printf("%-62s n=%3d  p50 %5d ms  p95 %5d ms  max %5d ms%s%n", name, runs, p50, p95, ms[runs - 1],
                targetMs > 0 ? (p95 < targetMs ? "  (target < " + targetMs + " ms: met)" : "  (target < " + targetMs
                        + " ms: MISSED)") : "");
        System.out.println("    " + excerpt(last));
    }

    /** Posts one new item completed a second ago and polls the portfolio's 90-day velocity until it shows. */
    static void freshness(String tenant) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String path = "/api/v1/portfolio/flow?from=" + today.minusDays(89) + "&to=" + today.plusDays(1);
        long before = velocity(get(tenant, path));
        long[] ms = new long[10];
        for (int k = 0; k < ms.length; k++) {
            Instant now = Instant.now().minusSeconds(1);
            StringBuilder body = new StringBuilder("{\"events\":[");
            String id = "fresh-" + UUID.randomUUID();
            body.append("{\"eventId\":\"").append(id).append("\",\"tenantId\":\"").append(tenant)
                    .append("\",\"type\":\"item.upserted\",\"revision\":1,\"emittedAt\":\"").append(now)
                    .append("\",\"item\":{\"itemId\":\"").append(id).append("\",\"connectionId\":\"bench-conn\",")
                    .append("\"project\":\"p0\",\"flowType\":\"defect\",\"labels\":[],\"createdAt\":\"")
                    .append(now.minusSeconds(3_600)).append("\",\"transitions\":[{\"at\":\"")
                    .append(now.minusSeconds(1_800)).append("\",\"state\":\"active\"},{\"at\":\"").append(now)
                    .append("\",\"state\":\"done\"}]}}]}");
            long t = System.nanoTime();
            post(body.toString());
            while (velocity(get(tenant, path)) < before + k + 1) {
                if ((System.nanoTime() - t) / 1_000_000 > 10_000) {
                    throw new IllegalStateException("event not visible after 10 s");
                }
            }
            ms[k] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf("%-62s n=%3d  p50 %5d ms  max %5d ms  (target < 1000 ms: %s)%n",
                "freshness: POST event -> visible in portfolio /flow", ms.length, ms[ms.length / 2 - 1],
                ms[ms.length - 1], ms[ms.length - 1] < 1000 ? "met" : "MISSED");
    }

    static long velocity(String json) {
        int i = json.indexOf("\"velocity\":");
        int j = i + "\"velocity\":".length();
        int k = j;
        while (Character.isDigit(json.charAt(k))) {
            k++;
        }
        return Long.parseLong(json.substring(j, k));
    }

    static String createStream(String tenant, String name, String zone, String project) throws Exception {
        return createStreamWithLabel(tenant, name, zone, project, null);
    }

    static String createStreamWithLabel(String tenant, String name, String zone, String project, String label)
            throws Exception {
        String body = "{\"name\":\"" + name + "\",\"timeZone\":\"" + zone
                + "\",\"scopes\":[{\"connectionId\":\"bench-conn\",\"project\":\"" + project + "\""
                + (label == null ? "" : ",\"labels\":[\"" + label + "\"]") + "}]}";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/value-streams"))
                .header("X-Flowlens-Identity", token(tenant, "member")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("creating a value stream: " + r.statusCode() + " " + r.body());
        }
        String json = r.body();
        int i = json.indexOf("\"id\":\"") + 6;
        return json.substring(i, json.indexOf('"', i));
    }

    /** Polls the stream until its day counts are ready; prints how long the back-fill job took. */
    static void awaitReady(String tenant, String id, String what, long t) throws Exception {
        while (!get(tenant, "/api/v1/value-streams/" + id).contains("\"dayCounts\":\"ready\"")) {
            if ((System.nanoTime() - t) / 1e9 > 1800) {
                throw new IllegalStateException(what + " not ready after 30 min");
            }
            Thread.sleep(250);
        }
        System.out.printf("%s: day counts ready %.1f s after creation was answered%n", what, (System.nanoTime() - t) / 1e9);
    }

    static String uptime() throws Exception {
        Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return out;
    }

    static void post(String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/internal/v1/item-events"))
                .timeout(Duration.ofMinutes(2)).header("X-Flowlens-Identity", token(null, "service"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("posting events: " + r.statusCode() + " " + r.body());
        }
    }

    static String get(String tenant, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofMinutes(1))
                .header("X-Flowlens-Identity", token(tenant, "reader")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static final Map<String, String[]> TOKENS = new HashMap<>();

    /** The gateway's identity token (HS256 JWT), cached for 30 s of its 60 s life. */
    static synchronized String token(String tenant, String role) throws Exception {
        String key = tenant + "/" + role;
        long now = System.currentTimeMillis() / 1000;
        String[] cached = TOKENS.get(key);
        if (cached != null && Long.parseLong(cached[1]) > now) {
            return cached[0];
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = "{\"iss\":\"flowlens\",\"aud\":\"flowlens-services\",\"sub\":\"bench\",\"iat\":" + now
                + ",\"exp\":" + (now + 60) + ",\"role\":\"" + role + "\""
                + (tenant == null ? "" : ",\"tid\":\"" + tenant + "\"") + "}";
        String signingInput = header + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String token = signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        TOKENS.put(key, new String[] { token, String.valueOf(now + 30) });
        return token;
    }

    static String excerpt(String json) {
        return json.length() > 240 ? json.substring(0, 240) + "..." : json;
    }

    static void databaseSize() throws Exception {
        System.out.println(psql("select 'database ' || pg_size_pretty(pg_database_size(current_database())) || ';  flow_item ' "
                + "|| pg_size_pretty(pg_total_relation_size('flow_item')) || ' (' || (select count(*) from flow_item) "
                + "|| ' rows);  day_state_delta ' || pg_size_pretty(pg_total_relation_size('day_state_delta')) "
                + "|| ' (' || (select count(*) from day_state_delta) || ' rows);  month_state_delta ' "
                + "|| pg_size_pretty(pg_total_relation_size('month_state_delta'))"));
    }

    static String psql(String sql) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "flowlens", "-d", dbName, "-Atc", sql)
                .redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", System.getenv().getOrDefault("FLOWLENS_DB_PASSWORD", "flowlens"));
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return out;
    }
}
