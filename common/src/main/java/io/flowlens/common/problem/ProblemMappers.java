package io.flowlens.common.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

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
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unparseable(JsonParseException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response valueInstantiation(ValueInstantiationException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof InvalidDefinitionException || e instanceof JsonGenerationException) {
            return unexpected(e, uri); // our DTO or our response cannot be (de)serialised: not the caller's doing
        }
        return respond(JsonProblems.of(e, path(uri)));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(violationPointer(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::pointer))
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
        if ((e instanceof NotFoundException || e instanceof BadRequestException) && e.getCause() != null
                && !(e.getCause() instanceof WebApplicationException)) {
            // JAX-RS could not convert a parameter (a 404 for query parameters, by its rules).
            Response badParameter = ParameterProblems.unconvertible(e.getCause(), uri);
            if (badParameter != null) {
                return badParameter;
            }
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
            default -> JsonProblems.callerSafe(e.getMessage(), title);
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
        if (DatabaseUnavailable.isCause(e)) {
            LOG.warnf("database unreachable at %s: %s", path(uri), rootMessage(e));
            return Response.status(503).type(Problem.MEDIA_TYPE)
                    .header("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                    .entity(new Problem(Problem.TYPE_BASE + "unavailable", "Service unavailable", 503,
                            "the service cannot reach its database; retry after "
                                    + DatabaseUnavailable.RETRY_AFTER_SECONDS + " seconds",
                            path(uri), null))
                    .build();
        }
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

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
