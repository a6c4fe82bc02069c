package io.flowlens.common.request;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * JSON for a client that accepts our problems but does not say it accepts JSON. Generated
 * clients (openapi-generator's Python client, for one) send {@code Accept} with the only media
 * type they find beside an operation's success schema, often {@code application/problem+json}
 * from its error responses; content negotiation would then refuse every success with a 406.
 * A client that accepts problem+json reads JSON, so JSON is added to what it accepts, after
 * what it named. An {@code Accept} that names JSON, or a wildcard, or that is absent, is left
 * alone (the last two already get JSON). An empty {@code Accept} is treated as absent.
 */
public class ProblemJsonAccept {

    @ServerRequestFilter(preMatching = true)
    public void acceptJsonBesideProblems(ContainerRequestContext request) {
        List<String> accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (accept == null || accept.isEmpty()) {
            return;
        }
        if (accept.stream().allMatch(String::isBlank)) {
            // An empty Accept says nothing, as an absent one does (and content negotiation between
            // JSON and CSV would fail to parse it: a 500 for a header a client may well send).
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, "*/*");
            return;
        }
        String widened = widened(String.join(",", accept));
        if (widened != null) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, widened);
        }
    }

    /** {@code accept} with JSON added when it names problem+json and nothing JSON matches; else null. */
    static String widened(String accept) {
        boolean problems = false;
        for (String range : accept.split(",")) {
            int parameters = range.indexOf(';');
            String type = (parameters < 0 ? range : range.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
            switch (type) {
                case "application/json", "application/*", "*/*", "*" -> {
                    return null;
                }
                case "application/problem+json" -> problems = true;
                default -> {
                }
            }
        }
        return problems ? accept + ", application/json" : null;
    }
}
