package io.flowlens.common.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** The one place a service's failures become RFC 9457 problem+json responses. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        return respond(new Problem(Problem.TYPE_BASE + e.type(), e.title(), e.status(), e.getMessage(),
                path(uri), e.errors()));
    }

    // Jackson's own mappers are registered for these exact types, so ours must name them too.
    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidValue(InvalidFormatException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unparseable(com.fasterxml.jackson.core.JsonParseException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response valueInstantiation(com.fasterxml.jackson.databind.exc.ValueInstantiationException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException mapping && !(e instanceof com.fasterxml.jackson.core.JsonParseException)) {
            String pointer = pointer(mapping.getPath());
            String detail;
            if (mapping instanceof UnrecognizedPropertyException) {
                detail = "unknown field";
            } else if (mapping instanceof InvalidFormatException f) {
                detail = "value " + quote(f.getValue()) + " is not a valid " + simpleType(f.getTargetType());
            } else {
                detail = firstLine(mapping.getOriginalMessage());
            }
            return respond(new Problem(Problem.TYPE_BASE + "validation", "Request is not valid", 400,
                    (pointer.isEmpty() ? "body" : pointer) + ": " + detail, path(uri),
                    List.of(new Problem.FieldError(pointer.isEmpty() ? "/" : pointer, detail))));
        }
        return respond(new Problem(Problem.TYPE_BASE + "malformed-json", "Malformed JSON", 400,
                "the body is not valid JSON: " + firstLine(e.getOriginalMessage()), path(uri), null));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(violationPointer(v), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::pointer))
                .collect(Collectors.toList());
        return api(ApiException.validation(errors), uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return respond(new Problem(Problem.TYPE_BASE + "unauthorized", "Unauthorized", 401,
                "this call needs valid credentials", path(uri), null));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return respond(new Problem(Problem.TYPE_BASE + "unauthorized", "Unauthorized", 401,
                e.getMessage() == null ? "credentials are invalid or expired" : e.getMessage(), path(uri), null));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(Problem.TYPE_BASE + "forbidden", "Forbidden", 403,
                e.getMessage() == null ? "the caller's role does not allow this call" : e.getMessage(), path(uri),
                null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "HTTP " + status;
        String detail = switch (status) {
            case 404 -> "no resource at " + path(uri);
            case 405 -> "method not allowed here"
                    + (original.getHeaderString("Allow") != null ? "; allowed: " + original.getHeaderString("Allow") : "");
            case 406 -> "cannot produce the requested media type";
            case 413 -> "the body is larger than this endpoint accepts";
            case 415 -> "unsupported media type; send application/json";
            default -> e.getMessage();
        };
        String type = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal" : "bad-request";
        };
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_BASE + type, title, status, detail, path(uri), null));
        if (original.getHeaderString("Allow") != null) {
            builder.header("Allow", original.getHeaderString("Allow"));
        }
        if (original.getHeaderString("Retry-After") != null) {
            builder.header("Retry-After", original.getHeaderString("Retry-After"));
        }
        return builder.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "unexpected failure at %s", path(uri));
        return respond(new Problem(Problem.TYPE_BASE + "internal", "Internal error", 500,
                "the service failed to handle this request; it has been logged", path(uri), null));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            sb.append('/');
            if (ref.getFieldName() != null) {
                sb.append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else {
                sb.append(ref.getIndex());
            }
        }
        return sb.toString();
    }

    /** A bean-validation path such as {@code create.request.scopes[0].project} as a JSON Pointer. */
    static String violationPointer(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        boolean inBody = false;
        int index = 0;
        for (Path.Node node : violation.getPropertyPath()) {
            index++;
            switch (node.getKind()) {
                case METHOD -> {
                    continue;
                }
                case PARAMETER -> {
                    // The method's parameter: a body keeps going, a query/path parameter is named as it is.
                    inBody = true;
                    parts.add(node.getName());
                    continue;
                }
                default -> {
                }
            }
            if (node.isInIterable() && node.getIndex() != null) {
                parts.add(String.valueOf(node.getIndex()));
            } else if (node.isInIterable() && node.getKey() != null) {
                parts.add(String.valueOf(node.getKey()));
            }
            // Container elements are named "<list element>", "<map value>": the index above is their pointer.
            if (node.getName() != null && !node.getName().startsWith("<")) {
                parts.add(node.getName());
            }
        }
        if (inBody && parts.size() > 1) {
            // Drop the Java parameter name: the pointer is into the JSON body.
            return "/" + String.join("/", parts.subList(1, parts.size()));
        }
        return parts.isEmpty() ? "/" : (parts.size() == 1 ? parts.get(0) : "/" + String.join("/", parts));
    }

    private static String quote(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return type.getSimpleName() + " (one of " + java.util.Arrays.stream(constants)
                    .map(c -> c.toString()).collect(Collectors.joining(", ")) + ")";
        }
        return type.getSimpleName();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
