package io.flowlens.assessment.benchmark;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness says DOWN until the benchmark cohorts have been read once: until then benchmarks are 503s. */
@Readiness
@ApplicationScoped
public class CohortIndexReadiness implements HealthCheck {

    static final String NAME = "benchmark cohorts";

    @Inject
    CohortIndex index;

    @Override
    public HealthCheckResponse call() {
        return index.loaded()
                ? HealthCheckResponse.named(NAME).up().build()
                : HealthCheckResponse.named(NAME).down()
                        .withData("detail", "not read from the database yet; retried every 2 s").build();
    }
}
