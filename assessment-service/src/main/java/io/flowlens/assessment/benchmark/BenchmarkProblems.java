package io.flowlens.assessment.benchmark;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.flowlens.common.problem.DatabaseUnavailable;
import io.flowlens.common.problem.Problem;

/** Benchmarks asked for before the cohorts are loaded: a 503 to retry, like a database that cannot be reached. */
public class BenchmarkProblems {

    @ServerExceptionMapper
    public Response notLoaded(CohortIndex.NotLoaded e, UriInfo uri) {
        return Response.status(503).type(Problem.MEDIA_TYPE)
                .header("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                .entity(new Problem(Problem.TYPE_BASE + "unavailable", "Service unavailable", 503,
                        "the benchmark cohorts are not loaded yet (the database could not be read since the service"
                                + " started); retry after " + DatabaseUnavailable.RETRY_AFTER_SECONDS + " seconds",
                        "/" + uri.getPath().replaceFirst("^/", ""), null))
                .build();
    }
}
