package io.flowlens.metrics.centricity;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.flowlens.common.contract.AssessmentEventContract;
import io.flowlens.metrics.config.MetricsConfig;
import io.flowlens.metrics.event.KafkaEventLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The Kafka transport of assessment-service's scored assessments
 * ({@code flowlens.metrics.assessment-events.kafka.enabled=true}; off by default, when HTTP is the
 * transport). Reads the assessment-events topic in a consumer group of its own and applies each
 * poll with {@link AssessmentFeed}, the very apply of {@code POST /internal/v1/assessment-events}
 * (idempotent on the assessment id: the highest revision wins, a correction replaces, a withdrawal
 * removes); offsets committed after the database commit, refused events to the refused topic with
 * the reasons ({@link KafkaEventLoop}). Its state is in readiness ("assessment events from Kafka"):
 * UP while it retries (the events wait in the topic), DOWN only once it has stopped for good.
 */
@Readiness
@ApplicationScoped
public class KafkaAssessmentEventConsumer implements HealthCheck {

    static final String CHECK = "assessment events from Kafka";

    @Inject
    MetricsConfig config;

    @Inject
    AssessmentFeed feed;

    private boolean enabled;
    private KafkaEventLoop loop;

    @PostConstruct
    void configure() {
        MetricsConfig.AssessmentKafka kafka = config.assessmentEvents().kafka();
        enabled = kafka.enabled();
        loop = new KafkaEventLoop("assessment-events", "assessment event", new KafkaEventLoop.Settings(
                kafka.bootstrapServers(), kafka.topic(), kafka.refusedTopic(), kafka.group(),
                Math.max(1, Math.min(kafka.maxPollRecords(), AssessmentEventContract.MAX_BATCH)), kafka.maxBackoff(), kafka.sessionTimeout()),
                feed::applyEach);
    }

    void start(@Observes StartupEvent ev) {
        if (enabled) {
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        if (enabled) {
            loop.stop();
        }
    }

    @Override
    public HealthCheckResponse call() {
        if (!enabled) {
            return HealthCheckResponse.named(CHECK).up().withData("state", "off (events arrive over HTTP)").build();
        }
        return loop.readiness(CHECK);
    }
}
