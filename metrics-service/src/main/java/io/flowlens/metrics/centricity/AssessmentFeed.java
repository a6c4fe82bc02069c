package io.flowlens.metrics.centricity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.flowlens.common.problem.Problem;
import io.flowlens.metrics.event.ApplyResult;

/**
 * Applies read events of assessment-service's feed, whichever way they arrived ({@code POST
 * /internal/v1/assessment-events} or the Kafka topic): the valid ones applied in one transaction
 * (the highest revision per assessment wins; equal or lower ones are ignored, so redelivery and
 * any order are harmless), the others refused by their index.
 */
@ApplicationScoped
public class AssessmentFeed {

    @Inject
    CentricityStore store;

    @Transactional
    public ApplyResult apply(List<AssessmentEventParser.Slot> slots) {
        List<AssessmentEvent> valid = new ArrayList<>();
        List<ApplyResult.Refusal> refused = new ArrayList<>();
        for (AssessmentEventParser.Slot s : slots) {
            if (s.refused()) {
                refused.add(new ApplyResult.Refusal(s.eventId(), s.index(), s.errors()));
            } else {
                valid.add(s.event());
            }
        }
        List<CentricityStore.Outcome> outcomes = store.apply(valid);
        int accepted = 0;
        int ignored = 0;
        int k = 0;
        for (AssessmentEventParser.Slot s : slots) {
            if (s.refused()) {
                continue;
            }
            switch (outcomes.get(k++)) {
                case APPLIED -> accepted++;
                case IGNORED -> ignored++;
                case REFUSED -> refused.add(new ApplyResult.Refusal(s.eventId(), s.index(),
                        List.of(new Problem.FieldError("/events/" + s.index(), "the database refused the event"))));
            }
        }
        refused.sort(Comparator.comparingInt(ApplyResult.Refusal::index));
        return new ApplyResult(accepted, ignored, refused);
    }

    /** Applies one poll of the Kafka topic, each record's value one event (refusals by position). */
    @Transactional
    public ApplyResult applyEach(List<byte[]> values) {
        return apply(AssessmentEventParser.parseEach(values));
    }
}
