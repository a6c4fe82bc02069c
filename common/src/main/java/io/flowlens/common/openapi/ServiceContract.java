package io.flowlens.common.openapi;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.flowlens.common.identity.IdentityToken;
import io.flowlens.common.problem.Problem;
import io.flowlens.common.problem.ProblemSchema;

/**
 * What every operation of a service's public API shares, added to its OpenAPI document so that
 * each resource declares only its own answers ({@code mp.openapi.filter} in each service):
 * <ul>
 * <li>the identity the gateway signs as the document's security scheme (the merged public
 * document replaces it with the gateway's API keys);</li>
 * <li>the errors any operation may answer: 401 (no valid identity), 403 (the caller's role does
 * not allow it) and 503 (the database is unreachable, with {@code Retry-After});</li>
 * <li>problem+json content on every error status that declares none;</li>
 * <li>{@code Location} on every 201 (each create answers with the new resource's path);</li>
 * <li>"Role: ..." in the description, from the operation's {@code x-flowlens-roles}.</li>
 * </ul>
 */
public class ServiceContract implements OASFilter {

    public static final String ROLES_EXTENSION = "x-flowlens-roles";
    static final String SCHEME = "identity";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(IdentityToken.HEADER)
                .description("The caller's identity (subject, role, tenant), signed by the gateway for each request it "
                        + "forwards. Clients never send it: they call the gateway with an API key or a token."));
        openAPI.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SCHEME)));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/") || path.getValue().getOperations() == null) {
                continue;
            }
            path.getValue().getOperations().values().forEach(ServiceContract::complete);
        }
    }

    static void complete(Operation operation) {
        // The document's one requirement (the identity) applies; smallrye's per-role requirements name
        // a scheme of its own.
        operation.setSecurity(null);
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        // smallrye copies a method's @Extension onto its responses too; the roles belong to the operation only.
        if (responses.getExtensions() != null) {
            responses.removeExtension(ROLES_EXTENSION);
        }
        responses.getAPIResponses().values().forEach(r -> {
            if (r.getExtensions() != null) {
                r.removeExtension(ROLES_EXTENSION);
            }
        });
        if (!responses.hasAPIResponse("401")) {
            responses.addAPIResponse("401", OASFactory.createAPIResponse()
                    .description("No valid identity: the request did not come through the gateway with a valid key"));
        }
        if (!responses.hasAPIResponse("403")) {
            responses.addAPIResponse("403", OASFactory.createAPIResponse()
                    .description("The caller's role does not allow this operation"));
        }
        if (!responses.hasAPIResponse("503")) {
            responses.addAPIResponse("503", OASFactory.createAPIResponse()
                    .description("The service's database cannot be reached; retry after Retry-After seconds")
                    .addHeader("Retry-After", OASFactory.createHeader()
                            .description("Seconds to wait before retrying")
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))));
        }
        APIResponse created = responses.getAPIResponse("201");
        if (created != null && created.getRef() == null
                && (created.getHeaders() == null || !created.getHeaders().containsKey("Location"))) {
            created.addHeader("Location", OASFactory.createHeader()
                    .description("The path of the created resource (the same for a replayed create)")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference")));
        }
        responses.getAPIResponses().forEach((status, response) -> {
            if (response.getRef() == null && isError(status) && (response.getContent() == null
                    || response.getContent().getMediaTypes() == null || response.getContent().getMediaTypes().isEmpty())) {
                response.setContent(problemContent());
            }
        });
        Object roles = operation.getExtensions() == null ? null : operation.getExtensions().get(ROLES_EXTENSION);
        String description = operation.getDescription() == null ? "" : operation.getDescription().strip();
        if (roles instanceof List<?> list && !list.isEmpty() && !description.contains("Role:")) {
            String named = String.join(" or ", list.stream().map(String::valueOf).toList());
            operation.setDescription((description.isEmpty() ? "" : description
                    + (description.endsWith(".") ? " " : ". ")) + "Role: " + named + ".");
        }
    }

    private static boolean isError(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(ProblemSchema.REF)));
    }
}
