package io.flowlens.assessment.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import io.flowlens.common.contract.AssessmentEventContract;
import io.flowlens.common.identity.IdentityToken;

/**
 * Stands in for metrics-service over real HTTP on the port the test profile points the feed relay
 * at: checks the service identity, records every event it accepts, keeps per assessment the
 * highest revision (as the real one does), refuses by index the events a test tells it to, and
 * answers 503 while "down".
 */
public final class StandInMetrics {

    /** FLOWLENS_TEST_STANDIN_PORT lets two checkouts run these tests side by side. */
    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("FLOWLENS_TEST_STANDIN_PORT", "18598"));
    private static StandInMetrics instance;

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final IdentityToken tokens = new IdentityToken(Api.SECRET);
    private volatile boolean down;
    private final Map<String, Predicate<JsonNode>> refusals = new ConcurrentHashMap<>();
    public final List<JsonNode> received = new CopyOnWriteArrayList<>();
    public final Map<String, JsonNode> latestByAssessment = new ConcurrentHashMap<>();
    /** Every POST's events' tenant ids, in order. */
    public final List<List<String>> batches = new CopyOnWriteArrayList<>();
    public final List<String> versions = new CopyOnWriteArrayList<>();

    private StandInMetrics() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext(AssessmentEventContract.PATH, exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean service = tokens.verify(exchange.getRequestHeaders().getFirst(IdentityToken.HEADER))
                    .map(c -> "service".equals(c.role())).orElse(false);
            int status;
            String answer;
            if (!service) {
                status = 401;
                answer = "{}";
            } else if (down) {
                status = 503;
                answer = "{\"title\":\"down\"}";
            } else {
                versions.add(exchange.getRequestHeaders().getFirst(AssessmentEventContract.VERSION_HEADER));
                JsonNode events = json.readTree(body).get("events");
                ArrayNode refused = json.createArrayNode();
                int accepted = 0;
                List<String> tenants = new ArrayList<>();
                for (int i = 0; i < events.size(); i++) {
                    JsonNode e = events.get(i);
                    tenants.add(e.path("tenantId").asText());
                    if (refusals.values().stream().anyMatch(r -> r.test(e))) {
                        ObjectNode r = refused.addObject().put("eventId", e.path("eventId").asText()).put("index", i);
                        r.putArray("errors").addObject().put("pointer", "/events/" + i + "/assessment/index")
                                .put("detail", "refused by this consumer's own rule");
                        continue;
                    }
                    received.add(e);
                    String id = e.path("assessment").path("assessmentId").asText();
                    JsonNode prior = latestByAssessment.get(id);
                    if (prior == null || prior.get("revision").asLong() < e.get("revision").asLong()) {
                        latestByAssessment.put(id, e);
                        accepted++;
                    }
                }
                batches.add(tenants);
                status = 200;
                answer = "{\"accepted\":" + accepted + ",\"ignored\":" + (events.size() - accepted - refused.size())
                        + ",\"refused\":" + refused + "}";
            }
            byte[] out = answer.getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    public static synchronized StandInMetrics get() {
        if (instance == null) {
            try {
                instance = new StandInMetrics();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the stand-in metrics-service on " + PORT, e);
            }
        }
        return instance;
    }

    public void setDown(boolean down) {
        this.down = down;
    }

    /** Refuses the events of {@code tenantId} that {@code rule} matches. */
    public void refuse(String tenantId, Predicate<JsonNode> rule) {
        refusals.put(tenantId, e -> tenantId.equals(e.path("tenantId").asText()) && rule.test(e));
    }

    public void stopRefusing(String tenantId) {
        refusals.remove(tenantId);
    }

    /** Every event received for the assessment, in arrival order. */
    public List<JsonNode> receivedFor(String assessmentId) {
        return received.stream().filter(e -> assessmentId.equals(e.path("assessment").path("assessmentId").asText())).toList();
    }
}
