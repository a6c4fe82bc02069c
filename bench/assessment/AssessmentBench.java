import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load for the assessment service, from a second process, over real HTTP.
 *
 * <pre>
 *   java bench/assessment/AssessmentBench.java submissions [url] [threads] [count]
 *   java bench/assessment/AssessmentBench.java benchmark   [url] [threads] [count]
 * </pre>
 *
 * submissions: creates organisations, then submits complete ccm-2026.1 answer sets from N threads
 * (closed loop) and prints submissions scored per second and latency percentiles.
 * benchmark: submits one assessment and queries its benchmark against the whole cohort (every
 * organisation; run seed.sql first for 100,000) and against an industry cohort, printing percentiles.
 * Identity tokens are signed with FLOWLENS_IDENTITY_SECRET (default: the development secret).
 */
public class AssessmentBench {

    static final String[][] STATEMENTS = {
            {"research", "blend", "continuous", "role", "worth", "opinion"},
            {"strategy", "problems", "evidence", "delegation", "servant", "measures"},
            {"product", "strategic", "backlog", "prototype", "balance", "output"},
            {"communication", "upward", "strategy", "crossteam", "vision", "onboarding"},
            {"teams", "crossfunctional", "frontline", "silos", "learning", "autonomy"},
            {"service", "journey", "consistency", "stakeholders", "role", "internal"},
            {"enablement", "repository", "patterns", "loop", "governance", "automation"}};
    static final String[] INDUSTRIES = {"software", "financial-services", "insurance", "healthcare", "retail",
            "manufacturing", "media", "energy"};
    static final String[] SIZES = {"1-49", "50-249", "250-999", "1000-4999", "5000+"};
    static final String[] REGIONS = {"europe", "north-america", "asia-pacific"};

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    static String tenant = "bench-" + UUID.randomUUID();

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "submissions";
        base = args.length > 1 ? args[1] : "http://127.0.0.1:18183";
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int count = args.length > 3 ? Integer.parseInt(args[3]) : 20000;
        System.out.printf("mode=%s url=%s threads=%d count=%d cores=%d%n", mode, base, threads, count,
                Runtime.getRuntime().availableProcessors());
        switch (mode) {
            case "submissions" -> submissions(threads, count);
            case "benchmark" -> benchmark(threads, count);
            default -> throw new IllegalArgumentException("mode: submissions or benchmark");
        }
    }

    static void submissions(int threads, int count) throws Exception {
        List<String> orgs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            orgs.add(createOrganisation(i));
        }
        Random random = new Random(7);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            bodies.add(submission(orgs.get(random.nextInt(orgs.size())), random));
        }
        String token = token("partner");
        System.out.println("warm-up: " + Math.min(count / 5, 3000) + " submissions");
        run(threads, Math.min(count / 5, 3000), i -> post("/api/v1/assessments", bodies.get(i % bodies.size()), token, 201));
        System.out.println("measured:");
        report("POST /api/v1/assessments", run(threads, count,
                i -> post("/api/v1/assessments", bodies.get(i % bodies.size()), token, 201)));
    }

    static void benchmark(int threads, int count) throws Exception {
        String org = createOrganisation(0);
        String assessment = extract(post("/api/v1/assessments", submission(org, new Random(1)), token("partner"), 201), "id");
        String reader = token("reader");
        String everyone = "/api/v1/assessments/" + assessment + "/benchmark";
        String industry = everyone + "?industry=software";
        String narrow = everyone + "?industry=software&size=50-249&region=europe";
        String first = get(everyone, reader);
        System.out.println("cohort (everyone): " + extractRaw(first, "\"cohort\":\\{[^}]*\\}"));
        System.out.println("overall: " + extractRaw(first, "\"overall\":\\{[^}]*\\}"));
        for (String[] q : new String[][] {{"everyone", everyone}, {"industry", industry}, {"industry×size×region", narrow}}) {
            run(threads, Math.min(count / 5, 1000), i -> get(q[1], reader));
            report("GET benchmark (" + q[0] + ")", run(threads, count, i -> get(q[1], reader)));
        }
    }

    interface Call {
        void call(int i) throws Exception;
    }

    record Figures(long[] nanos, long wallNanos, int failures) {
    }

    static Figures run(int threads, int count, Call call) throws Exception {
        long[] nanos = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    long s = System.nanoTime();
                    try {
                        call.call(i);
                    } catch (Exception e) {
                        if (failures.incrementAndGet() <= 3) {
                            System.out.println("failure: " + e.getMessage());
                        }
                    }
                    nanos[i] = System.nanoTime() - s;
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long wall = System.nanoTime() - start;
        pool.shutdown();
        return new Figures(nanos, wall, failures.get());
    }

    static void report(String what, Figures f) {
        long[] sorted = f.nanos().clone();
        Arrays.sort(sorted);
        double perSecond = sorted.length / (f.wallNanos() / 1e9);
        System.out.printf("%s: %d requests in %.1f s = %.0f/s, failures %d, latency ms p50 %.1f p95 %.1f p99 %.1f max %.1f%n",
                what, sorted.length, f.wallNanos() / 1e9, perSecond, f.failures(), ms(sorted, 0.50), ms(sorted, 0.95),
                ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    static double ms(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    static String createOrganisation(int i) throws Exception {
        String body = String.format("{\"name\":\"Bench %d\",\"industry\":\"%s\",\"sizeBand\":\"%s\",\"region\":\"%s\"}", i,
                INDUSTRIES[i % INDUSTRIES.length], SIZES[i % SIZES.length], REGIONS[i % REGIONS.length]);
        return extract(post("/api/v1/organisations", body, token("partner"), 201), "id");
    }

    static String submission(String org, Random random) {
        StringBuilder answers = new StringBuilder();
        for (String[] d : STATEMENTS) {
            for (int s = 1; s < d.length; s++) {
                answers.append(answers.length() == 0 ? "" : ",").append('"').append(d[0]).append('.').append(d[s])
                        .append("\":").append(1 + random.nextInt(5));
            }
        }
        return "{\"organisationId\":\"" + org + "\",\"questionnaireVersion\":\"ccm-2026.1\",\"answers\":{" + answers + "}}";
    }

    static String post(String path, String body, String token, int expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-Flowlens-Identity", token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String get(String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("X-Flowlens-Identity", token).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String extract(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return m.group(1);
    }

    static String extractRaw(String json, String regex) {
        Matcher m = Pattern.compile(regex).matcher(json);
        return m.find() ? m.group() : "(none) " + json.substring(0, Math.min(300, json.length()));
    }

    /** The gateway's identity token (HS256 JWT), valid one hour; see common/IdentityToken. */
    static String token(String role) throws Exception {
        String secret = System.getenv().getOrDefault("FLOWLENS_IDENTITY_SECRET", "dev-only-identity-secret-change-me-0123456789");
        long now = System.currentTimeMillis() / 1000;
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String claims = b64(String.format("{\"iss\":\"flowlens\",\"aud\":\"flowlens-services\",\"sub\":\"bench\","
                + "\"iat\":%d,\"exp\":%d,\"role\":\"%s\",\"tid\":\"%s\"}", now, now + 3600, role, tenant));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
        return header + "." + claims + "." + signature;
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
