package io.flowlens.assessment.questionnaire;

import java.time.Instant;

/** A questionnaire version in the list. */
public record QuestionnaireSummary(String version, String title, int dimensions, int statements, Instant publishedAt) {

    static QuestionnaireSummary of(PublishedQuestionnaire q) {
        return new QuestionnaireSummary(q.version(), q.document().title(), q.model().dimensions().size(),
                q.model().statementsById().size(), q.publishedAt());
    }
}
