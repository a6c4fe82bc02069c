package io.flowlens.assessment.questionnaire;

import java.time.Instant;
import java.util.List;

import io.flowlens.assessment.scoring.Questionnaire;

/** A published version in both shapes: as served, and as the scoring rules read it. */
public record PublishedQuestionnaire(QuestionnaireDocument document, Questionnaire model, Instant publishedAt) {

    static PublishedQuestionnaire of(QuestionnaireDocument doc, Instant publishedAt) {
        List<Questionnaire.Dimension> dimensions = doc.dimensions().stream()
                .map(d -> new Questionnaire.Dimension(d.id(), d.name(), d.weight(), d.statements().stream()
                        .map(s -> new Questionnaire.Statement(s.id(), s.text(), s.reverse(), s.nextStep()))
                        .toList()))
                .toList();
        List<Questionnaire.Level> levels = doc.levels().stream()
                .map(l -> new Questionnaire.Level(l.level(), l.name(), l.from())).toList();
        return new PublishedQuestionnaire(doc,
                new Questionnaire(doc.id(), doc.title(), doc.scale().min(), doc.scale().max(), dimensions, levels),
                publishedAt);
    }

    public String version() {
        return document.id();
    }
}
