package io.flowlens.common.problem;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * A query parameter JAX-RS could not convert to its declared type ({@code ?limit=abc},
 * {@code ?limit=1.5}, {@code ?limit=99999999999999999999}). JAX-RS calls that a 404 and names
 * nothing; the caller gets a 400 naming the parameter. JAX-RS passes only the converter's
 * failure, so the parameter is the one whose value that failure quotes.
 */
final class ParameterProblems {

    private ParameterProblems() {
    }

    /** The 400 for a query parameter {@code failure} could not convert, or null if it was a path segment. */
    static Response unconvertible(Throwable failure, UriInfo uri) {
        if (uri == null) {
            return null;
        }
        String name = culprit(failure.getMessage(), uri.getQueryParameters(), uri.getPathParameters());
        if (name == null) {
            return null; // a path segment such as an id that cannot exist: the 404 stands
        }
        String value = uri.getQueryParameters().getFirst(name);
        ApiException problem = ApiException.badParameter(name, "'" + printable(value) + "' is not a valid value");
        return ProblemMappers.respond(new Problem(Problem.TYPE_BASE + problem.type(), problem.title(),
                problem.status(), problem.getMessage(), "/" + uri.getPath().replaceFirst("^/", ""), problem.errors()));
    }

    /** The query parameter whose value the failure message quotes (or the only one, if it quotes none). */
    static String culprit(String message, MultivaluedMap<String, String> query, MultivaluedMap<String, String> path) {
        String named = null;
        int longest = -1;
        for (Map.Entry<String, List<String>> param : query.entrySet()) {
            for (String value : param.getValue()) {
                if (message != null && value != null && message.contains(value) && value.length() > longest) {
                    named = param.getKey();
                    longest = value.length();
                }
            }
        }
        for (Map.Entry<String, List<String>> segment : path.entrySet()) {
            for (String value : segment.getValue()) {
                if (message != null && value != null && !value.isEmpty() && message.contains(value)
                        && value.length() > longest) {
                    return null;
                }
            }
        }
        if (named == null && query.size() == 1 && path.isEmpty()) {
            named = query.keySet().iterator().next();
        }
        return named;
    }

    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        StringBuilder sb = new StringBuilder();
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
