import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load against a running ingestion-service, from a second process. Two scenarios:
 *
 * <pre>
 *   java bench/ingest/IngestBench.java webhooks --url http://127.0.0.1:18091 --db flowlens_ingest_bench \
 *        --rate 2000 --seconds 60 [--issues 20000] [--threads 64]
 *   java bench/ingest/IngestBench.java jira-backfill --url http://127.0.0.1:18091 --db flowlens_ingest_bench \
 *        --items 100000 --transitions 10
 * </pre>
 *
 * webhooks: signed GitHub {@code issues} deliveries at a fixed rate (open loop: latency is measured
 * from each request's scheduled start, so a stalled server cannot hide its queueing), 1% of them
 * redelivered with the same delivery id; afterwards the database is counted: every distinct
 * delivery stored once, every issue one item.
 * jira-backfill: generates Jira search-result pages with changelog, POSTs them as one import and
 * times it until the job has finished; then counts the transitions stored.
 * Counting uses psql (PGPASSWORD defaults to flowlens).
 */
public class IngestBench {

    static String url = "http://127.0.0.1:18091";
    static String db = "flowlens_ingest_bench";
    static String identitySecret = System.getenv().getOrDefault("FLOWLENS_IDENTITY_SECRET",
            "dev-only-identity-secret-change-me-0123456789");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: IngestBench webhooks|jira-backfill [--url U] [--db D] [options]");
            System.exit(2);
        }
        Map<String, String> opt = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        url = opt.getOrDefault("url", url);
        db = opt.getOrDefault("db", db);
        switch (args[0]) {
            case "webhooks" -> webhooks(Integer.parseInt(opt.getOrDefault("rate", "2000")),
                    Integer.parseInt(opt.getOrDefault("seconds", "60")),
                    Integer.parseInt(opt.getOrDefault("issues", "20000")),
                    Integer.parseInt(opt.getOrDefault("threads", "256")),
                    Integer.parseInt(opt.getOrDefault("warmup", "30")),
                    Integer.parseInt(opt.getOrDefault("warmup-rate", opt.getOrDefault("rate", "2000"))));
            case "jira-backfill" -> jiraBackfill(Integer.parseInt(opt.getOrDefault("items", "100000")),
                    Integer.parseInt(opt.getOrDefault("transitions", "10")),
                    Boolean.parseBoolean(opt.getOrDefault("reimport", "false")),
                    Integer.parseInt(opt.getOrDefault("replays", "0")),
                    "text".equals(opt.getOrDefault("history-ids", "numeric")));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    // ---------------------------------------------------------------- webhooks

    static void webhooks(int rate, int seconds, int issues, int threads, int warmup, int warmRate)
            throws Exception {
        String tenant = UUID.randomUUID().toString();
        String webhookToken = identity(null, "webhook");
        SENDERS = Executors.newFixedThreadPool(threads);
        String secret = "bench-secret-" + UUID.randomUUID();
        String connection = createConnection(tenant, "github", secret);
        int warmTotal = warmRate * warmup;
        if (warmup > 0) {
            // Same connection and issues, earlier rounds: the JIT has compiled the hot paths, the items exist
            // and the planner has statistics before the measured run starts. Not counted in the figures.
            long[] ignored = new long[warmTotal];
            send(connection, secret, webhookToken, warmTotal, warmRate, issues, threads, 0, ignored,
                    new AtomicLongArray(600), new AtomicLong());
            java.util.Arrays.sort(ignored);
            System.out.printf("warm-up: %d deliveries over %d s at %d/s (p50 %.1f ms, p99 %.1f ms; not counted)%n",
                    warmTotal, warmup, warmRate, pct(ignored, 50), pct(ignored, 99));
        }
        int total = rate * seconds;
        int redeliveries = total / 100;
        System.out.printf("webhooks: %d deliveries over %d s at %d/s (%d redeliveries), %d issues, %d threads%n",
                total, seconds, rate, redeliveries, issues, threads);
        long[] latencies = new long[total];
        AtomicLongArray statuses = new AtomicLongArray(600);
        AtomicLong errors = new AtomicLong();
        long start = send(connection, secret, webhookToken, total, rate, issues, threads, warmTotal, latencies, statuses,
                errors);
        double elapsed = (System.nanoTime() - start) / 1e9;
        SENDERS.shutdownNow();
        long[] sorted = latencies.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("sent %d in %.1f s = %.0f deliveries/s achieved (target %d/s)%n", total, elapsed,
                total / elapsed, rate);
        System.out.printf("latency from scheduled start: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
        // Per second of the schedule: shows whether the tail is everywhere or a few bad seconds.
        StringBuilder perSecond = new StringBuilder("p99 per second (ms):");
        for (int sec = 0; sec * rate < total; sec++) {
            long[] slice = java.util.Arrays.copyOfRange(latencies, sec * rate, Math.min(total, (sec + 1) * rate));
            java.util.Arrays.sort(slice);
            perSecond.append(' ').append(Math.round(pct(slice, 99)));
        }
        System.out.println(perSecond);
        StringBuilder codes = new StringBuilder();
        for (int s = 0; s < 600; s++) {
            if (statuses.get(s) > 0) {
                codes.append(s).append('=').append(statuses.get(s)).append(' ');
            }
        }
        System.out.println("responses: " + codes + " transport errors=" + errors.get());
        int distinctDeliveries = total - redeliveries + warmTotal - warmTotal / 100;
        java.util.Set<Integer> delivered = new java.util.HashSet<>();
        for (int i = 0; i < warmTotal; i++) {
            delivered.add(((i % 100 == 99) ? i - 50 : i) % issues);
        }
        for (int i = 0; i < total; i++) {
            delivered.add((warmTotal + ((i % 100 == 99) ? i - 50 : i)) % issues);
        }
        int expectedItems = delivered.size();
        long raw = count("select count(*) from raw_event where connection_id = '" + connection + "'");
        long items = count("select count(*) from item where connection_id = '" + connection + "'");
        long dupKeys = count("select count(*) - count(distinct delivery_key) from raw_event where connection_id = '"
                + connection + "'");
        System.out.printf("database: %d raw events (expected %d distinct deliveries), %d duplicate keys;"
                + " %d items (expected %d)%n", raw, distinctDeliveries, dupKeys, items, expectedItems);
        System.out.println(raw == distinctDeliveries && items == expectedItems && dupKeys == 0
                ? "OK: zero lost, zero duplicated" : "MISMATCH: lost or duplicated deliveries");
    }

    /**
     * Sending threads, shared by the warm-up and the measured run: their keep-alive connections
     * carry over, so the measured run does not start by opening a hundred new ones.
     */
    static ExecutorService SENDERS;

    /** Sends {@code total} signed deliveries at {@code rate}/s, open loop, recording each one's latency. */
    static long send(String connection, String secret, String token, int total, int rate, int issues, int threads,
            int offset, long[] latencies, AtomicLongArray statuses, AtomicLong errors) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime() + 200_000_000L;
        long intervalNanos = 1_000_000_000L / rate;
        URI target = URI.create(url);
        String host = target.getHost();
        int port = target.getPort() > 0 ? target.getPort() : 80;
        String path = "/api/v1/webhooks/" + connection;
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            SENDERS.execute(() -> {
                try {
                    sendShare(next, total, start, intervalNanos, offset, issues, host, port, path, token, secret,
                            latencies, statuses, errors);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await(total / Math.max(1, rate) + 600L, TimeUnit.SECONDS);
        return start;
    }

    /** One sending thread's part: takes the next scheduled delivery until all are sent. */
    static void sendShare(AtomicInteger next, int total, long start, long intervalNanos, int offset, int issues,
            String host, int port, String path, String token, String secret, long[] latencies,
            AtomicLongArray statuses, AtomicLong errors) {
        int i;
        while ((i = next.getAndIncrement()) < total) {
            long scheduled = start + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            // Every 100th delivery repeats an earlier one (same delivery id, same bytes).
            int logical = offset + ((i % 100 == 99) ? i - 50 : i);
            byte[] body = issuesEvent(logical, issues);
            try {
                int status = connection(host, port).post(path, new String[] {
                        "Content-Type", "application/json",
                        "X-Flowlens-Identity", token,
                        "X-GitHub-Event", "issues",
                        "X-GitHub-Delivery", "bench-" + logical,
                        "X-Hub-Signature-256", "sha256=" + hmac(secret, body)}, body);
                statuses.incrementAndGet(Math.min(599, status));
            } catch (Exception e) {
                errors.incrementAndGet();
                dropConnection();
            }
            latencies[i] = System.nanoTime() - scheduled;
        }
    }

    /** A GitHub issues event for issue {@code n % issues}: opened first, later closed or labeled. */
    static byte[] issuesEvent(int n, int issues) {
        int number = n % issues + 1;
        int round = n / issues;
        Instant created = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(number * 60L);
        Instant updated = created.plusSeconds(3600L * (round + 1));
        String action = round == 0 ? "opened" : round % 3 == 1 ? "labeled" : round % 3 == 2 ? "closed" : "reopened";
        String state = "closed".equals(action) ? "closed" : "open";
        String label = round % 2 == 0 ? "bug" : "enhancement";
        String json = "{\"action\":\"" + action + "\",\"issue\":{\"url\":\"https://api.github.com/repos/acme/shop/issues/"
                + number + "\",\"id\":" + (900000 + number) + ",\"node_id\":\"I_bench" + number + "\",\"number\":"
                + number + ",\"title\":\"Bench issue " + number + "\",\"labels\":[{\"id\":1,\"name\":\"" + label
                + "\",\"color\":\"d73a4a\"}],\"state\":\"" + state + "\",\"state_reason\":"
                + ("closed".equals(state) ? "\"completed\"" : "null") + ",\"created_at\":\"" + created
                + "\",\"updated_at\":\"" + updated + "\",\"closed_at\":"
                + ("closed".equals(state) ? "\"" + updated + "\"" : "null")
                + ",\"body\":\"Steps to reproduce: open the checkout on Safari 17 and pay with a saved card.\"},"
                + "\"repository\":{\"id\":186853002,\"name\":\"shop\",\"full_name\":\"acme/shop\",\"private\":false},"
                + "\"sender\":{\"login\":\"octocat\",\"id\":1,\"type\":\"User\"}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- jira backfill

    static void jiraBackfill(int items, int transitionsPerItem, boolean reimport, int replays, boolean textIds)
            throws Exception {
        String tenant = UUID.randomUUID().toString();
        String connection = createConnection(tenant, "jira", "bench-jira-secret");
        Path file = Files.createTempFile("jira-bench-", ".json");
        long generateStart = System.nanoTime();
        String[] statuses = {"To Do", "In Progress", "In Review", "In Progress", "Blocked", "In Progress",
            "In Review", "Ready for QA", "In QA", "Done"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            int pageSize = 1000;
            for (int page = 0; page * pageSize < items; page++) {
                out.write("{\"expand\":\"schema,names\",\"startAt\":" + page * pageSize + ",\"maxResults\":" + pageSize
                        + ",\"total\":" + items + ",\"issues\":[");
                for (int k = 0; k < pageSize && page * pageSize + k < items; k++) {
                    int n = page * pageSize + k + 1;
                    Instant created = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(n * 37L);
                    if (k > 0) {
                        out.write(',');
                    }
                    out.write("{\"id\":\"" + (100000 + n) + "\",\"key\":\"BENCH-" + n + "\",\"fields\":{\"summary\":"
                            + "\"Bench issue " + n + "\",\"issuetype\":{\"name\":\"" + (n % 5 == 0 ? "Bug" : "Story")
                            + "\"},\"project\":{\"key\":\"BENCH\"},\"labels\":[],\"created\":\"" + created
                            + "\",\"updated\":\"" + created.plusSeconds(3600L * transitionsPerItem)
                            + "\",\"status\":{\"name\":\"Done\",\"statusCategory\":{\"key\":\"done\"}}},"
                            + "\"changelog\":{\"startAt\":0,\"maxResults\":" + transitionsPerItem + ",\"total\":"
                            + transitionsPerItem + ",\"histories\":[");
                    // transitionsPerItem status changes, the first "from" being the initial status.
                    for (int h = 1; h < transitionsPerItem; h++) {
                        if (h > 1) {
                            out.write(',');
                        }
                        // Numeric history ids as Jira sends them (the parser takes them as the tracker's order);
                        // --history-ids text writes the "n-h" ids of the bench before 2026-11-29.
                        String historyId = textIds ? n + "-" + h : String.valueOf(n * 100L + h);
                        out.write("{\"id\":\"" + historyId + "\",\"created\":\"" + created.plusSeconds(3600L * h)
                                + "\",\"items\":[{\"field\":\"status\",\"fieldtype\":\"jira\",\"fromString\":\""
                                + statuses[h - 1] + "\",\"toString\":\"" + statuses[h] + "\"}]}");
                    }
                    out.write("]}}");
                }
                out.write("]}\n");
            }
        }
        long transitions = (long) items * transitionsPerItem;
        System.out.printf("generated %d issues / %d transitions (%d MB) in %.1f s%n", items, transitions,
                Files.size(file) / (1024 * 1024), (System.nanoTime() - generateStart) / 1e9);
        long stored = importOnce(tenant, connection, file, "import");
        if (reimport) {
            // The same history again: every fact known, so nothing may be added and no item may change.
            long again = importOnce(tenant, connection, file, "re-import of the same file");
            System.out.printf("re-import: transitions %d before, %d after (%s)%n", stored, again,
                    stored == again ? "unchanged" : "CHANGED");
        }
        for (int r = 1; r <= replays; r++) {
            // Re-reads the kept (compressed) import file with today's parser, rebuilds the facts, re-derives every item.
            long replayed = replayOnce(tenant, connection, "replay " + r);
            System.out.printf("replay %d: transitions %d before, %d after (%s)%n", r, stored, replayed,
                    stored == replayed ? "unchanged" : "CHANGED");
        }
        Files.deleteIfExists(file);
    }

    /** POSTs the file as one import, waits for its job and prints the rates; returns the transitions stored. */
    static long importOnce(String tenant, String connection, Path file, String label) throws Exception {
        long start = System.nanoTime();
        HttpRequest post = HttpRequest.newBuilder(URI.create(url + "/api/v1/connections/" + connection + "/imports"))
                .timeout(Duration.ofMinutes(30)).header("Content-Type", "application/json")
                .header("X-Flowlens-Identity", identity(tenant, "member"))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
        HttpResponse<String> accepted = HTTP.send(post, HttpResponse.BodyHandlers.ofString());
        double acceptedAfter = (System.nanoTime() - start) / 1e9;
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("import refused: " + accepted.statusCode() + " " + accepted.body());
        }
        String job = field(accepted.body(), "id");
        System.out.printf("upload + validation pass: 202 after %.1f s (job %s)%n", acceptedAfter, job);
        String status;
        String body;
        do {
            Thread.sleep(500);
            body = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs/" + job))
                    .header("X-Flowlens-Identity", identity(tenant, "reader")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            status = field(body, "status");
        } while (!"succeeded".equals(status) && !"failed".equals(status));
        double total = (System.nanoTime() - start) / 1e9;
        System.out.println("job: " + body);
        long stored = count("select count(*) from transition t join item i on i.id = t.item_id where i.connection_id = '"
                + connection + "'");
        long storedItems = count("select count(*) from item where connection_id = '" + connection + "'");
        System.out.printf(label + " %s: %d items, %d transitions stored in %.1f s end to end = %.0f transitions/s"
                + " (write job alone: %.1f s = %.0f transitions/s)%n", status, storedItems, stored, total,
                stored / total, total - acceptedAfter, stored / (total - acceptedAfter));
        return stored;
    }

    /** Asks for a replay of the connection, waits for its job and prints its rate; returns the transitions stored. */
    static long replayOnce(String tenant, String connection, String label) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/connections/"
                + connection + "/replay")).header("X-Flowlens-Identity", identity(tenant, "member"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("replay refused: " + accepted.statusCode() + " " + accepted.body());
        }
        String job = field(accepted.body(), "id");
        String status;
        String body;
        do {
            Thread.sleep(500);
            body = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs/" + job))
                    .header("X-Flowlens-Identity", identity(tenant, "reader")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            status = field(body, "status");
        } while (!"succeeded".equals(status) && !"failed".equals(status));
        double total = (System.nanoTime() - start) / 1e9;
        System.out.println("job: " + body);
        long stored = count("select count(*) from transition t join item i on i.id = t.item_id where i.connection_id = '"
                + connection + "'");
        System.out.printf(label + " %s: %d transitions replayed in %.1f s = %.0f transitions/s%n", status, stored, total,
                stored / total);
        return stored;
    }

    // ---------------------------------------------------------------- helpers

    static String createConnection(String tenant, String kind, String secret) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/connections"))
                .header("Content-Type", "application/json").header("X-Flowlens-Identity", identity(tenant, "member"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"" + kind + "\",\"name\":\"bench " + kind
                        + "\",\"secret\":\"" + secret + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("cannot create a connection: " + r.statusCode() + " " + r.body());
        }
        return field(r.body(), "id");
    }

    /** An identity token as the gateway signs it (HS256 JWT, valid 1 hour for the bench). */
    static String identity(String tenant, String role) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String claims = b64("{\"iss\":\"flowlens\",\"aud\":\"flowlens-services\",\"sub\":\"bench\",\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + ",\"role\":\"" + role + "\""
                + (tenant == null ? "" : ",\"tid\":\"" + tenant + "\"") + "}");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(identitySecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
        return header + "." + claims + "." + signature;
    }

    // ---------------------------------------------------------------- a lean HTTP/1.1 client
    // The JDK's HttpClient costs more CPU per request than the service does per delivery; on two
    // shared cores that would measure the client. One keep-alive socket per sending thread instead.

    private static final ThreadLocal<KeepAlive> CONNECTIONS = new ThreadLocal<>();

    static KeepAlive connection(String host, int port) throws IOException {
        KeepAlive k = CONNECTIONS.get();
        if (k == null) {
            k = new KeepAlive(host, port);
            CONNECTIONS.set(k);
        }
        return k;
    }

    static void dropConnection() {
        KeepAlive k = CONNECTIONS.get();
        CONNECTIONS.remove();
        if (k != null) {
            try {
                k.socket.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }

    /** One persistent HTTP/1.1 connection: writes a request, reads the whole response, returns its status. */
    static final class KeepAlive {
        final java.net.Socket socket;
        final java.io.OutputStream out;
        final java.io.BufferedInputStream in;
        final String host;

        KeepAlive(String host, int port) throws IOException {
            socket = new java.net.Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.host = host + ":" + port;
        }

        int post(String path, String[] headers, byte[] body) throws IOException {
            StringBuilder head = new StringBuilder(512).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ")
                    .append(host).append("\r\n");
            for (int h = 0; h < headers.length; h += 2) {
                head.append(headers[h]).append(": ").append(headers[h + 1]).append("\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String status = line();
            if (status == null || !status.startsWith("HTTP/1.1 ")) {
                throw new IOException("no HTTP response: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h = line(); h != null && !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(h.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            if (close) {
                throw new IOException("server closed the connection");
            }
            return code;
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                long skipped = in.skip(n);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed mid-body");
                    }
                    skipped = 1;
                }
                n -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c = in.read(); c >= 0; c = in.read()) {
                if (c == '\n') {
                    int len = b.length();
                    return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
                }
                b.append((char) c);
            }
            return b.length() == 0 ? null : b.toString();
        }
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static final ThreadLocal<Map<String, Mac>> MACS = ThreadLocal.withInitial(HashMap::new);

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = MACS.get().get(secret);
            if (mac == null) {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                MACS.get().put(secret, mac);
            }
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"")
                .matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static double pct(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    static long count(String sql) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("psql", "-h", System.getenv().getOrDefault("FLOWLENS_DB_HOST",
                "127.0.0.1"), "-U", "flowlens", "-d", db, "-tAc", sql));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putIfAbsent("PGPASSWORD", "flowlens");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + err);
        }
        return Long.parseLong(out);
    }
}
