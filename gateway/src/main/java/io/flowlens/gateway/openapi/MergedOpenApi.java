package io.flowlens.gateway.openapi;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.flowlens.gateway.config.GatewayConfig;
import io.flowlens.gateway.domain.OpenApiMerge;
import io.flowlens.gateway.domain.Upstream;
import io.quarkus.arc.Arc;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;

/**
 * The one public OpenAPI document: the gateway's own (tenants, keys) and each service's, fetched
 * from {@code <service management URL>/q/openapi?format=json}, refreshed periodically, merged by
 * {@link OpenApiMerge}. A service that is down keeps its last good copy in the document.
 */
@ApplicationScoped
public class MergedOpenApi {

    private static final Logger LOG = Logger.getLogger(MergedOpenApi.class);
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);
    /** A missing document is fetched again on demand at most this often. */
    static final long RETRY_MISSING_NANOS = Duration.ofSeconds(5).toNanos();

    private final ObjectMapper json = new ObjectMapper();
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build();
    private final Map<Upstream, Map<String, Object>> lastGood = new ConcurrentHashMap<>();
    private volatile long lastAttempt;
    private volatile Rendered rendered;

    @Inject
    GatewayConfig config;

    private record Rendered(Map<Upstream, Map<String, Object>> sources, byte[] json, byte[] yaml) {
    }

    @Scheduled(every = "${flowlens.gateway.openapi.refresh:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void refresh() {
        lastAttempt = System.nanoTime();
        List<CompletableFuture<Void>> fetches = new ArrayList<>();
        for (Upstream upstream : Upstream.values()) {
            if (upstream == Upstream.GATEWAY) {
                continue;
            }
            // A service serves its document on its management interface, like its health and metrics;
            // one built to keep it on its API port is read there instead.
            GatewayConfig.Service service = config.services().get(upstream.key());
            fetches.add(fetch(upstream, service.managementUrl()).thenCompose(found -> found
                    ? CompletableFuture.completedFuture(true) : fetch(upstream, service.url()))
                    .thenAccept(found -> {
                        if (!found) {
                            LOG.warnf("cannot fetch the OpenAPI document of %s; keeping the last good copy",
                                    upstream.serviceName());
                        }
                    }));
        }
        CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new)).join();
    }

    /** Fetches one service's document from a base URL; true when it was read. */
    private CompletableFuture<Boolean> fetch(Upstream upstream, String base) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + "/q/openapi?format=json"))
                .timeout(FETCH_TIMEOUT).header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, error) -> {
            if (error != null || response.statusCode() != 200) {
                LOG.debugf("no OpenAPI document of %s at %s (%s)", upstream.serviceName(), base,
                        error != null ? error.toString() : "HTTP " + response.statusCode());
                return false;
            }
            try {
                lastGood.put(upstream, json.readValue(response.body(), new TypeReference<Map<String, Object>>() {
                }));
                return true;
            } catch (java.io.IOException e) {
                LOG.warnf("the OpenAPI document of %s is not JSON: %s", upstream.serviceName(), e.getMessage());
                return false;
            }
        });
    }

    /** The merged document as JSON or YAML. Blocking (may fetch a missing document): call off the event loop. */
    public byte[] document(boolean asYaml) {
        if (lastGood.size() < Upstream.values().length - 1) {
            if (System.nanoTime() - lastAttempt > RETRY_MISSING_NANOS) {
                refresh();
            } else {
                awaitRunningRefresh();
            }
        }
        Map<Upstream, Map<String, Object>> sources = new EnumMap<>(Upstream.class);
        sources.putAll(lastGood);
        Rendered current = rendered;
        if (current == null || !current.sources().equals(sources)) {
            current = render(sources);
            rendered = current;
        }
        return asYaml ? current.yaml() : current.json();
    }

    /** Holding the monitor {@link #refresh()} holds: waits for one under way (at start-up) rather than serve without it. */
    private synchronized void awaitRunningRefresh() {
        lastAttempt = Math.max(lastAttempt, 0);
    }

    private Rendered render(Map<Upstream, Map<String, Object>> sources) {
        List<OpenApiMerge.Source> list = new ArrayList<>();
        list.add(new OpenApiMerge.Source("Gateway", own()));
        for (Upstream upstream : Upstream.values()) {
            if (sources.containsKey(upstream)) {
                list.add(new OpenApiMerge.Source(label(upstream), sources.get(upstream)));
            }
        }
        Map<String, Object> merged = OpenApiMerge.merge(OpenApiBase.build(config), list);
        try {
            return new Rendered(sources, json.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(merged),
                    yaml.writeValueAsBytes(merged));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write the merged OpenAPI document", e);
        }
    }

    /** The gateway's own document, as SmallRye OpenAPI generates it from our resources. */
    private Map<String, Object> own() {
        try {
            byte[] doc = Arc.container().instance(OpenApiDocumentService.class).get().getDocument("<default>", Format.JSON);
            return json.readValue(doc, new TypeReference<Map<String, Object>>() {
            });
        } catch (RuntimeException | java.io.IOException e) {
            LOG.warn("cannot read the gateway's own OpenAPI document", e);
            return Map.of();
        }
    }

    static String label(Upstream upstream) {
        return switch (upstream) {
            case GATEWAY -> "Gateway";
            case INGESTION -> "Ingestion";
            case METRICS -> "Metrics";
            case ASSESSMENT -> "Assessment";
        };
    }
}
