package io.flowlens.ingestion.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.flowlens.common.identity.IdentityToken;

/**
 * Stands in for metrics-service over real HTTP on the port the test profile points the relay
 * at: records every event it accepts, keeps per item the highest revision (as the real one
 * does), and answers 503 while "down".
 */
public final class FakeMetricsService {

    /** FLOWLENS_TEST_STANDIN_PORT lets two checkouts run these tests side by side. */
    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("FLOWLENS_TEST_STANDIN_PORT", "18599"));
    private static FakeMetricsService instance;

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean down;
    public final List<JsonNode> received = new CopyOnWriteArrayList<>();
    public final Map<String, JsonNode> latestByItem = new ConcurrentHashMap<>();
    public final List<Integer> refusedBatches = new CopyOnWriteArrayList<>();
    private final IdentityToken tokens = new IdentityToken(Api.SECRET);

    private FakeMetricsService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/internal/v1/item-events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean service = tokens.verify(exchange.getRequestHeaders().getFirst(IdentityToken.HEADER))
                    .map(c -> "service".equals(c.role())).orElse(false);
            int status;
            String answer;
            if (!service) {
                status = 401;
                answer = "{}";
            } else if (down) {
                refusedBatches.add(1);
                status = 503;
                answer = "{\"title\":\"down\"}";
            } else {
                JsonNode events = json.readTree(body).get("events");
                int accepted = 0;
                for (JsonNode e : events) {
                    received.add(e);
                    String item = e.get("item").get("itemId").asText();
                    JsonNode prior = latestByItem.get(item);
                    if (prior == null || prior.get("revision").asLong() < e.get("revision").asLong()) {
                        latestByItem.put(item, e);
                        accepted++;
                    }
                }
                status = 200;
                answer = "{\"accepted\":" + accepted + ",\"ignored\":" + (events.size() - accepted) + "}";
            }
            byte[] out = answer.getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    public static synchronized FakeMetricsService get() {
        if (instance == null) {
            try {
                instance = new FakeMetricsService();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the stand-in metrics-service", e);
            }
        }
        return instance;
    }

    public void setDown(boolean down) {
        this.down = down;
    }

    public List<JsonNode> receivedFor(String connectionId) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : received) {
            if (connectionId.equals(e.get("item").get("connectionId").asText())) {
                out.add(e);
            }
        }
        return out;
    }
}
