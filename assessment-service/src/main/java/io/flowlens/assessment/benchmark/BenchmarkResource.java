package io.flowlens.assessment.benchmark;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.Problem;

@Path("/api/v1/assessments/{id}/benchmark")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Benchmarks", description = "Percentile rank against comparable organisations")
public class BenchmarkResource {

    @Inject
    BenchmarkService benchmarks;

    @Inject
    CurrentCaller caller;

    @GET
    @RolesAllowed(Roles.READER)
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "getBenchmark", summary = "Benchmark an assessment against its peers",
            description = "The cohort is the latest scored assessment of every organisation (all tenants, answers never"
                    + " revealed) for the same questionnaire version, narrowed by the given industry, size band and region."
                    + " Figures only when it holds at least 10 other organisations; otherwise status cohort-too-small, no"
                    + " figures, and the next broader cohort that is large enough (industry × size → industry → size → everyone).")
    @APIResponse(responseCode = "200", description = "Figures, or why there are none", content = @Content(schema = @Schema(implementation = BenchmarkView.class),
            examples = @ExampleObject(name = "too small", value = """
                    {"assessmentId":"0f8fad5b-d9cb-469f-a165-70867728950e","questionnaireVersion":"ccm-2026.1","cohort":{"industry":"insurance","sizeBand":"50-249","region":null,
                     "description":"organisations in industry insurance, size 50-249","size":null},"status":"cohort-too-small",
                     "message":"cohort too small: …","overall":null,"dimensions":[],
                     "suggestedCohort":{"industry":"insurance","sizeBand":null,"region":null,"description":"organisations in industry insurance","size":42},
                     "note":"Benchmarks are self-reported and self-selected: …"}""")))
    @APIResponse(responseCode = "400", description = "A cohort key is not on its list", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such assessment for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BenchmarkView benchmark(@Parameter(description = "The id of the assessment to benchmark") @PathParam("id") UUID id,
            @QueryParam("industry") @Parameter(description = "Narrow the cohort to an industry", example = "retail",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"software", "financial-services", "insurance", "healthcare", "life-sciences", "retail", "manufacturing", "telecommunications", "media", "energy", "transport-logistics", "public-sector", "education", "professional-services", "hospitality", "other"})) String industry,
            @QueryParam("size") @Parameter(description = "Narrow the cohort to a size band (encode + as %2B)", example = "250-999",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"1-49", "50-249", "250-999", "1000-4999", "5000+"})) String size,
            @QueryParam("region") @Parameter(description = "Narrow the cohort to a region", example = "europe",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"europe", "north-america", "latin-america", "asia-pacific", "middle-east", "africa"})) String region) {
        return benchmarks.benchmark(caller.tenant(), id, industry, size, region);
    }
}
