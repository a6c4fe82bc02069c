import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the demo tenant through the gateway, the way a customer would: a tenant and its
 * keys, a generic tracker connection, a backfill of the history DemoHistory wrote, value
 * streams over it, a partner's organisations with their assessment history, business results of
 * the online shop and its own customer-centricity self-assessments linked to it.
 *
 * java deploy/local/demo/DemoData.java GATEWAY_URL PLATFORM_KEY HISTORY_NDJSON OUT_ENV_FILE
 */
public class DemoData {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String gateway;

    public static void main(String[] args) throws Exception {
        gateway = args[0].replaceAll("/$", "");
        String platformKey = args[1];
        Path history = Path.of(args[2]);
        Path out = Path.of(args[3]);

        String tenant = field(call("POST", "/api/v1/tenants", platformKey,
                "{\"name\":\"Acme Retail (demo)\"}", 201), "id");
        String admin = field(call("POST", "/api/v1/tenants/" + tenant + "/api-keys", platformKey,
                "{\"name\":\"demo admin\",\"role\":\"admin\"}", 201), "key");
        String reader = field(call("POST", "/api/v1/tenants/" + tenant + "/api-keys", platformKey,
                "{\"name\":\"demo dashboard\",\"role\":\"reader\"}", 201), "key");
        String partner = field(call("POST", "/api/v1/tenants/" + tenant + "/api-keys", platformKey,
                "{\"name\":\"demo partner\",\"role\":\"partner\"}", 201), "key");
        log("tenant " + tenant + " with admin, reader and partner keys");

        String connection = field(call("POST", "/api/v1/connections", admin,
                "{\"kind\":\"generic\",\"name\":\"Acme tracker export\",\"secret\":\"demo-webhook-secret-0123456789\"}",
                201), "id");
        String job = call("POST", "/api/v1/connections/" + connection + "/imports", admin, "application/x-ndjson",
                HttpRequest.BodyPublishers.ofFile(history), 202);
        String jobId = field(job, "id");
        String status = awaitJob(admin, jobId);
        log("history imported (" + Files.lines(history).count() + " lines): " + status);

        List<String> streams = new ArrayList<>();
        for (String[] stream : new String[][] {
                {"Online shop", "Europe/Berlin", "shop"},
                {"Mobile app", "Europe/Berlin", "mobile"},
                {"Platform", "Europe/Berlin", "platform"}}) {
            streams.add(field(call("POST", "/api/v1/value-streams", admin,
                    "{\"name\":\"" + stream[0] + "\",\"timeZone\":\"" + stream[1] + "\",\"scopes\":[{\"connectionId\":\""
                            + connection + "\",\"project\":\"" + stream[2] + "\"}]}",
                    201), "id"));
        }
        streams.add(field(call("POST", "/api/v1/value-streams", admin,
                "{\"name\":\"Customer experience (shop + mobile)\",\"timeZone\":\"Europe/Berlin\",\"scopes\":["
                        + "{\"connectionId\":\"" + connection + "\",\"project\":\"shop\"},"
                        + "{\"connectionId\":\"" + connection + "\",\"project\":\"mobile\"}]}",
                201), "id"));
        log(streams.size() + " value streams");

        int organisations = seedAssessments(partner);
        log(organisations + " organisations with their assessment history");

        // Outcomes beside flow: business results that move with the shop's delivery, and the
        // shop's own customer-centricity self-assessments linked to it, so a correlation shows at once.
        List<Integer> velocity = weeklyVelocity(admin, streams.get(0));
        int points = seedResults(admin, streams.get(0), velocity);
        log(points + " business results (happiness weekly, value monthly) on the online shop");
        String selfAssessed = seedSelfAssessments(partner, velocity);
        call("PUT", "/api/v1/value-streams/" + streams.get(0) + "/customer-centricity-link", admin,
                "{\"organisationId\":\"" + selfAssessed + "\"}", 200);
        call("PUT", "/api/v1/portfolio/customer-centricity-link", admin,
                "{\"organisationId\":\"" + selfAssessed + "\"}", 200);
        awaitCentricity(reader, streams.get(0), SELF_ASSESSMENTS);
        log("Acme Retail's " + SELF_ASSESSMENTS + " self-assessments linked to the online shop and the portfolio");

        Files.writeString(out, String.join("\n",
                "DEMO_TENANT_ID=" + tenant,
                "DEMO_ADMIN_KEY=" + admin,
                "DEMO_READER_KEY=" + reader,
                "DEMO_PARTNER_KEY=" + partner,
                "DEMO_CONNECTION_ID=" + connection,
                "DEMO_VALUE_STREAM_ID=" + streams.get(0),
                "DEMO_ORGANISATION_ID=" + selfAssessed,
                "# customer-centricity beside flow: curl -H \"Authorization: Bearer $DEMO_READER_KEY\" " + gateway
                        + "/api/v1/value-streams/" + streams.get(0) + "/customer-centricity",
                "# try: curl -H \"Authorization: Bearer $DEMO_READER_KEY\" " + gateway + "/api/v1/value-streams/"
                        + streams.get(0) + "/flow?from=" + LocalDate.now().minusDays(90) + "&to=" + LocalDate.now(),
                ""));
    }

    static final String[] INDUSTRIES = {"retail", "financial-services", "software", "healthcare", "manufacturing",
            "public-sector"};
    static final String[] SIZES = {"1-49", "50-249", "250-999", "1000-4999", "5000+"};
    static final String[] REGIONS = {"europe", "north-america", "asia-pacific"};

    /** The reverse-worded statements of ccm-2026.1: a mature organisation disagrees with them. */
    static final java.util.Set<String> REVERSED = java.util.Set.of("research.opinion", "product.output", "teams.silos",
            "enablement.governance");

    static int seedAssessments(String partnerKey) throws Exception {
        Random random = new Random(2026);
        String questionnaire = call("GET", "/api/v1/questionnaires/ccm-2026.1", partnerKey, null, 200);
        List<String> statements = new ArrayList<>();
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([a-z]+\\.[a-z-]+)\"").matcher(questionnaire);
        while (m.find()) {
            statements.add(m.group(1));
        }
        int count = 36;
        for (int i = 0; i < count; i++) {
            String industry = INDUSTRIES[i % INDUSTRIES.length];
            String size = SIZES[(i / 2) % SIZES.length];
            String region = REGIONS[i % REGIONS.length];
            String org = field(call("POST", "/api/v1/organisations", partnerKey,
                    "{\"name\":\"Client " + (i + 1) + " (" + industry + ")\",\"industry\":\"" + industry
                            + "\",\"sizeBand\":\"" + size + "\",\"region\":\"" + region + "\"}",
                    201), "id");
            // A maturity that drifts upward over a few assessments, half a year apart.
            double maturity = 1.6 + random.nextDouble() * 2.4;
            int rounds = 1 + (i % 4);
            for (int round = 0; round < rounds; round++) {
                StringBuilder answers = new StringBuilder();
                for (String statement : statements) {
                    double value = maturity + random.nextGaussian() * 0.8;
                    // Reverse-worded statements are answered the other way round.
                    if (REVERSED.contains(statement)) {
                        value = 6 - value;
                    }
                    int answer = (int) Math.max(1, Math.min(5, Math.round(value)));
                    answers.append(answers.length() == 0 ? "" : ",").append('"').append(statement).append("\":")
                            .append(answer);
                }
                // From yesterday back: today at 09:00 UTC lies in the future before 09:00, and is refused.
                LocalDate assessedAt = LocalDate.now(java.time.ZoneOffset.UTC).minusMonths(6L * (rounds - 1 - round))
                        .minusDays(i + 1L);
                call("POST", "/api/v1/assessments", partnerKey,
                        "{\"organisationId\":\"" + org + "\",\"questionnaireVersion\":\"ccm-2026.1\",\"assessedAt\":\""
                                + assessedAt + "T09:00:00Z\",\"answers\":{" + answers + "}}",
                        201);
                maturity = Math.min(4.8, maturity + 0.2 + random.nextDouble() * 0.3);
            }
        }
        return count;
    }

    /** Weeks of results and flow the demo relates: two years. */
    static final int WEEKS = 104;
    static final int SELF_ASSESSMENTS = 8;

    /** The Monday that starts the demo's two years of weeks. */
    static LocalDate firstMonday() {
        LocalDate monday = LocalDate.now().with(java.time.DayOfWeek.MONDAY);
        return monday.minusWeeks(WEEKS);
    }

    /**
     * The shop's items completed per week over the last two years, as metrics computes them (the
     * flow report's weekly series). Waits for the import to reach metrics; an empty week counts 0.
     */
    static List<Integer> weeklyVelocity(String key, String stream) throws Exception {
        LocalDate from = firstMonday();
        LocalDate to = from.plusWeeks(WEEKS);
        Pattern point = Pattern.compile("\"partial\"\\s*:\\s*(?:true|false)\\s*,\\s*\"velocity\"\\s*:\\s*(\\d+)");
        List<Integer> weeks = new ArrayList<>();
        for (int attempt = 0; attempt < 60; attempt++) {
            String report = call("GET", "/api/v1/value-streams/" + stream + "/flow?from=" + from + "&to=" + to
                    + "&bucket=week", key, null, 200);
            weeks.clear();
            Matcher m = point.matcher(report);
            while (m.find()) {
                weeks.add(Integer.parseInt(m.group(1)));
            }
            if (weeks.stream().mapToInt(Integer::intValue).sum() > 0) {
                return weeks;
            }
            Thread.sleep(1000); // the backfill's events are still on their way to metrics
        }
        throw new IllegalStateException("the online shop shows no completed items after a minute");
    }

    /**
     * Happiness (a weekly survey, 0 to 10) follows the shop's velocity two weeks later; value (the
     * month's revenue) follows the month's velocity. Noise keeps them honest: strong, not perfect.
     */
    static int seedResults(String key, String stream, List<Integer> velocity) throws Exception {
        Random random = new Random(7);
        double mean = velocity.stream().mapToInt(Integer::intValue).average().orElse(0);
        double sd = Math.sqrt(velocity.stream().mapToDouble(v -> (v - mean) * (v - mean)).average().orElse(1));
        sd = sd == 0 ? 1 : sd;
        StringBuilder json = new StringBuilder("[");
        LocalDate monday = firstMonday();
        int count = 0;
        java.util.Map<java.time.YearMonth, Double> monthly = new java.util.TreeMap<>();
        for (int w = 0; w < velocity.size(); w++) {
            LocalDate week = monday.plusWeeks(w);
            monthly.merge(java.time.YearMonth.from(week), (double) velocity.get(w), Double::sum);
            if (w < 2) {
                continue;
            }
            double z = (velocity.get(w - 2) - mean) / sd;
            double happiness = Math.max(0, Math.min(10, 6.8 + 0.9 * z + random.nextGaussian() * 0.45));
            json.append(count++ == 0 ? "" : ",").append("{\"category\":\"happiness\",\"date\":\"")
                    .append(week.plusDays(4)).append("\",\"value\":").append(Math.round(happiness * 10) / 10.0)
                    .append(",\"note\":\"Weekly shopper survey\"}");
        }
        java.time.YearMonth current = java.time.YearMonth.now();
        for (var month : monthly.entrySet()) {
            if (!month.getKey().isBefore(current)) {
                continue; // the running month has no revenue figure yet
            }
            double revenue = 180_000 + month.getValue() * 2_600 + random.nextGaussian() * 9_000;
            json.append(count++ == 0 ? "" : ",").append("{\"category\":\"value\",\"date\":\"")
                    .append(month.getKey().atEndOfMonth()).append("\",\"value\":").append(Math.round(revenue))
                    .append(",\"note\":\"Online shop revenue (EUR)\"}");
        }
        json.append(']');
        call("POST", "/api/v1/value-streams/" + stream + "/results/imports", key, json.toString(), 200);
        return count;
    }

    /**
     * The online shop's own organisation, assessed every quarter for two years: its maturity
     * follows how well the shop delivered in the quarter before (the velocity of those 13 weeks).
     */
    static String seedSelfAssessments(String partnerKey, List<Integer> velocity) throws Exception {
        Random random = new Random(11);
        List<String> statements = statements(partnerKey);
        String org = field(call("POST", "/api/v1/organisations", partnerKey,
                "{\"name\":\"Acme Retail online shop (self-assessment)\",\"industry\":\"retail\","
                        + "\"sizeBand\":\"250-999\",\"region\":\"europe\"}", 201), "id");
        double mean = velocity.stream().mapToInt(Integer::intValue).average().orElse(0);
        double max = velocity.stream().mapToInt(Integer::intValue).max().orElse(1);
        for (int q = 0; q < SELF_ASSESSMENTS; q++) {
            int fromWeek = q * 13;
            int toWeek = Math.min(velocity.size(), fromWeek + 13);
            double quarter = velocity.subList(fromWeek, toWeek).stream().mapToInt(Integer::intValue).average().orElse(mean);
            double maturity = 2.2 + 2.2 * (quarter / Math.max(1, max)) + random.nextGaussian() * 0.15;
            StringBuilder answers = new StringBuilder();
            for (String statement : statements) {
                double value = maturity + random.nextGaussian() * 0.6;
                if (REVERSED.contains(statement)) {
                    value = 6 - value;
                }
                int answer = (int) Math.max(1, Math.min(5, Math.round(value)));
                answers.append(answers.length() == 0 ? "" : ",").append('"').append(statement).append("\":").append(answer);
            }
            // The Friday that ends the quarter's last week: always in the past.
            LocalDate assessedAt = firstMonday().plusWeeks(toWeek).minusDays(3);
            call("POST", "/api/v1/assessments", partnerKey,
                    "{\"organisationId\":\"" + org + "\",\"questionnaireVersion\":\"ccm-2026.1\",\"assessedAt\":\""
                            + assessedAt + "T10:00:00Z\",\"answers\":{" + answers + "}}", 201);
        }
        return org;
    }

    static List<String> statements(String key) throws Exception {
        String questionnaire = call("GET", "/api/v1/questionnaires/ccm-2026.1", key, null, 200);
        List<String> statements = new ArrayList<>();
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([a-z]+\\.[a-z-]+)\"").matcher(questionnaire);
        while (m.find()) {
            statements.add(m.group(1));
        }
        return statements;
    }

    /** Waits until metrics shows every self-assessment (fed by assessment-service within seconds). */
    static void awaitCentricity(String key, String stream, int expected) throws Exception {
        for (int i = 0; i < 60; i++) {
            String link = call("GET", "/api/v1/value-streams/" + stream + "/customer-centricity-link", key, null, 200);
            Matcher m = Pattern.compile("\"scoredAssessments\"\\s*:\\s*(\\d+)").matcher(link);
            if (m.find() && Integer.parseInt(m.group(1)) >= expected) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the self-assessments did not reach metrics within 30 s");
    }

    static String awaitJob(String key, String jobId) throws Exception {
        for (int i = 0; i < 600; i++) {
            String job = call("GET", "/api/v1/jobs/" + jobId, key, null, 200);
            String status = field(job, "status");
            if (status.equalsIgnoreCase("succeeded") || status.equalsIgnoreCase("completed")
                    || status.equalsIgnoreCase("done")) {
                return job;
            }
            if (status.equalsIgnoreCase("failed") || status.equalsIgnoreCase("rejected")) {
                throw new IllegalStateException("import failed: " + job);
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("import did not finish in 5 minutes");
    }

    static String call(String method, String path, String key, String json, int expected) throws Exception {
        return call(method, path, key, "application/json",
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json), expected);
    }

    static String call(String method, String path, String key, String contentType, HttpRequest.BodyPublisher body,
            int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + key)
                .header("Accept", "application/json")
                .method(method, body);
        if (!method.equals("GET")) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected && !(expected == 201 && response.statusCode() == 200)
                && !(expected == 202 && response.statusCode() == 201)) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /** The first string value of a top-level field; the demo needs no JSON library. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no \"" + name + "\" in " + json);
        }
        return m.group(1);
    }

    static void log(String message) {
        System.out.println("[demo] " + message);
    }
}
