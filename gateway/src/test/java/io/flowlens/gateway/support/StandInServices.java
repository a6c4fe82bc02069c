package io.flowlens.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jwk.JsonWebKey.OutputControlLevel;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for the three services with small real HTTP servers: each serves a canned OpenAPI
 * document and a liveness endpoint, and answers every other call by echoing what it received
 * (method, path, identity token, request id, W3C traceparent, SHA-256 and length of the exact body bytes),
 * or with {@code ?answerBytes=N} answers N known bytes (declared or chunked) to test answers of every size.
 * A control server lets tests stop/start a service, slow its next answers and count hits; it
 * is reached over HTTP because tests and this resource may live in different class loaders.
 * Also generates the OIDC provider's key pair (public JWKS for the gateway, private for tests).
 */
public class StandInServices implements QuarkusTestResourceLifecycleManager {

    public static final String CONTROL_PROPERTY = "flowlens.test.control-url";
    public static final String OIDC_PRIVATE_PROPERTY = "flowlens.test.oidc-private-jwk";
    static final String[] SERVICES = {"ingestion", "metrics", "assessment"};

    private final Map<String, StandIn> standIns = new ConcurrentHashMap<>();
    private HttpServer control;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>();
        try {
            for (String name : SERVICES) {
                StandIn standIn = new StandIn(name);
                standIn.start(0);
                standIns.put(name, standIn);
                config.put("flowlens.gateway.services." + name + ".url", "http://127.0.0.1:" + standIn.port);
                // One server stands in for both: the API and the management interface.
                config.put("flowlens.gateway.services." + name + ".management-url", "http://127.0.0.1:" + standIn.port);
            }
            control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            control.createContext("/", this::control);
            control.setExecutor(Executors.newCachedThreadPool());
            control.start();
            System.setProperty(CONTROL_PROPERTY, "http://127.0.0.1:" + control.getAddress().getPort());

            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("test-key");
            Path dir = Files.createTempDirectory("gateway-oidc");
            Path jwks = dir.resolve("jwks.json");
            Files.writeString(jwks, "{\"keys\":[" + key.toJson(OutputControlLevel.PUBLIC_ONLY) + "]}");
            Path privateJwk = dir.resolve("private.json");
            Files.writeString(privateJwk, key.toJson(OutputControlLevel.INCLUDE_PRIVATE));
            System.setProperty(OIDC_PRIVATE_PROPERTY, privateJwk.toString());
            config.put("flowlens.gateway.oidc.jwks-location", jwks.toString());
        } catch (IOException | org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
        return config;
    }

    @Override
    public void stop() {
        standIns.values().forEach(StandIn::stop);
        if (control != null) {
            control.stop(0);
        }
    }

    private void control(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        String query = exchange.getRequestURI().getQuery();
        String answer = "ok";
        if (parts.length >= 3) {
            StandIn standIn = standIns.get(parts[2]);
            switch (parts[1]) {
                case "stop" -> standIn.stop();
                case "start" -> standIn.start(standIn.port);
                case "slow" -> standIn.slowNext.set(Integer.parseInt(param(query, "times", "1")));
                case "hits" -> answer = String.valueOf(standIn.hits.get());
                case "fail-erasure" -> {
                    standIn.failErasures.set(Integer.parseInt(param(query, "times", "1")));
                    standIn.failErasureStatus.set(Integer.parseInt(param(query, "status", "500")));
                }
                case "erasures" -> answer = String.join("\n", standIn.erasures);
                default -> answer = "unknown";
            }
        } else if (parts.length == 2 && parts[1].equals("reset")) {
            standIns.values().forEach(s -> {
                s.slowNext.set(0);
                s.hits.set(0);
                s.failErasures.set(0);
                s.failErasureStatus.set(500);
                s.erasures.clear();
            });
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String param(String query, String name, String fallback) {
        if (query == null) {
            return fallback;
        }
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name) && kv.length == 2) {
                return kv[1];
            }
        }
        return fallback;
    }

    /** One stand-in service. */
    static final class StandIn {
        final String name;
        final AtomicInteger hits = new AtomicInteger();
        final AtomicInteger slowNext = new AtomicInteger();
        final AtomicInteger failErasures = new AtomicInteger();
        /** The status a failing erasure answers (500, or 503 with Retry-After as a service whose database is away). */
        final AtomicInteger failErasureStatus = new AtomicInteger(500);
        /** Each tenant erasure received: "tenantId identity-token". */
        final java.util.List<String> erasures = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** Tenants with rows here: erased once (3 rows), then nothing is left (idempotent, as the services are). */
        final java.util.Set<String> erased = ConcurrentHashMap.newKeySet();
        volatile int port;
        private HttpServer server;

        StandIn(String name) {
            this.name = name;
        }

        synchronized void start(int wanted) {
            if (server != null) {
                return;
            }
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", wanted), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", this::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            port = server.getAddress().getPort();
        }

        synchronized void stop() {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (path.equals("/q/openapi")) {
                try (InputStream doc = StandInServices.class.getResourceAsStream("/openapi/" + name + ".json")) {
                    respond(exchange, 200, "application/json", doc.readAllBytes());
                }
                return;
            }
            if (path.equals("/q/health/live")) {
                respond(exchange, 200, "application/json", "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.startsWith("/internal/v1/tenants/") && exchange.getRequestMethod().equals("DELETE")) {
                erase(exchange, path.substring("/internal/v1/tenants/".length()));
                return;
            }
            hits.incrementAndGet();
            if (slowNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String answerBytes = param(exchange.getRequestURI().getQuery(), "answerBytes", null);
            if (answerBytes != null) {
                answerOfSize(exchange, Integer.parseInt(answerBytes),
                        "true".equals(param(exchange.getRequestURI().getQuery(), "chunked", "false")),
                        "true".equals(param(exchange.getRequestURI().getQuery(), "breakOff", "false")));
                return;
            }
            var headers = exchange.getRequestHeaders();
            String json = "{\"service\":\"" + name + "\",\"method\":\"" + exchange.getRequestMethod()
                    + "\",\"uri\":" + quote(exchange.getRequestURI().toString())
                    + ",\"identity\":" + quote(headers.getFirst("X-Flowlens-Identity"))
                    + ",\"requestId\":" + quote(headers.getFirst("X-Request-Id"))
                    + ",\"traceparent\":" + quote(headers.getFirst("traceparent"))
                    + ",\"forwardedHost\":" + quote(headers.getFirst("X-Forwarded-Host"))
                    + ",\"forwardedFor\":" + quote(headers.getFirst("X-Forwarded-For"))
                    + ",\"forwardedProto\":" + quote(headers.getFirst("X-Forwarded-Proto"))
                    + ",\"authorization\":" + quote(headers.getFirst("Authorization"))
                    + ",\"apiKey\":" + quote(headers.getFirst("X-API-Key"))
                    + ",\"contentType\":" + quote(headers.getFirst("Content-Type"))
                    + ",\"bodyLength\":" + body.length + ",\"bodySha256\":\"" + sha256(body) + "\"}";
            exchange.getResponseHeaders().add("X-Stand-In", name);
            // ?location=<path>: answers 201 naming a URL as the services do, from the Host it was called with.
            String location = param(exchange.getRequestURI().getQuery(), "location", null);
            if (location != null) {
                String url = location.startsWith("/") ? "http://" + headers.getFirst("Host") + location : location;
                exchange.getResponseHeaders().add("Location", url);
                exchange.getResponseHeaders().add("Content-Location", url);
                respond(exchange, 201, "application/json", json.getBytes(StandardCharsets.UTF_8));
                return;
            }
            respond(exchange, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        /** DELETE /internal/v1/tenants/{id}: records the call, answers what a service answers (or fails on demand). */
        private void erase(HttpExchange exchange, String tenantId) throws IOException {
            erasures.add(tenantId + " " + exchange.getRequestHeaders().getFirst("X-Flowlens-Identity"));
            if (failErasures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                int status = failErasureStatus.get();
                if (status == 503) {
                    // What a service whose database cannot be reached answers.
                    exchange.getResponseHeaders().set("Retry-After", "7");
                }
                respond(exchange, status, "application/problem+json",
                        ("{\"status\":" + status + ",\"title\":\"failed\"}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            int rows = erased.add(tenantId) ? 3 : 0;
            respond(exchange, 200, "application/json", ("{\"tenantId\":\"" + tenantId + "\",\"erased\":{\"" + name
                    + "Rows\":" + rows + "}}").getBytes(StandardCharsets.UTF_8));
        }

        /**
         * {@code ?answerBytes=N[&chunked=true][&breakOff=true]}: N known bytes, declared or chunked,
         * their SHA-256 in a header; breaking off, only the first half is sent before the connection drops.
         */
        private static void answerOfSize(HttpExchange exchange, int size, boolean chunked, boolean breakOff)
                throws IOException {
            byte[] answer = new byte[size];
            for (int i = 0; i < size; i++) {
                answer[i] = (byte) ('a' + i % 26);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.getResponseHeaders().set("X-Answer-Sha256", sha256(answer));
            exchange.sendResponseHeaders(200, chunked ? 0 : (size == 0 ? -1 : size));
            if (breakOff) {
                OutputStream out = exchange.getResponseBody();
                out.write(answer, 0, size / 2);
                out.flush();
                exchange.close(); // short of the declared length: the server drops the connection
                return;
            }
            try (OutputStream out = exchange.getResponseBody()) {
                for (int at = 0; at < size; at += 8192) {
                    out.write(answer, at, Math.min(8192, size - at));
                    out.flush();
                }
            }
        }

        private static void respond(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", type);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (!head) {
                    out.write(bytes);
                }
            }
        }

        private static String quote(String value) {
            return value == null ? "null" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
