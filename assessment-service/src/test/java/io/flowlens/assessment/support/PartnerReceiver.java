package io.flowlens.assessment.support;

import static io.flowlens.assessment.support.Api.as;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import io.restassured.path.json.JsonPath;

/**
 * A partner's callback server on this machine, listening on every local address (IPv4 and IPv6),
 * that records each request's path and headers. {@code /hooks} answers 204, {@code /redirect}
 * answers 302 to {@code /elsewhere}.
 */
public final class PartnerReceiver implements AutoCloseable {

    /** One request the partner's server received. */
    public record Received(String path, Map<String, List<String>> headers) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public PartnerReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v));
            received.add(new Received(exchange.getRequestURI().getPath(), headers));
            if (exchange.getRequestURI().getPath().equals("/redirect")) {
                exchange.getResponseHeaders().add("Location", "/elsewhere");
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Polls an endpoint's delivery log until its newest delivery is no longer pending. */
    public static JsonPath settledDelivery(String tenant, String endpoint) throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            JsonPath log = as(tenant, "reader").get("/api/v1/partner-webhooks/" + endpoint + "/deliveries").then()
                    .statusCode(200).extract().jsonPath();
            if (!log.getList("items").isEmpty() && !"pending".equals(log.getString("items[0].status"))) {
                return log;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the delivery never settled");
    }
}
