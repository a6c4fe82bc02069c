package io.flowlens.assessment.submission;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.assessment.questionnaire.PublishedQuestionnaire;
import io.flowlens.assessment.scoring.AnswerCheck;
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;

/** Answers as stored (JSON text, keys sorted) and as checked (422 naming each bad one by JSON Pointer). */
final class Answers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {
    }

    static String toJson(Map<String, Integer> answers) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(answers));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Integer> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<TreeMap<String, Integer>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored answers are unreadable", e);
        }
    }

    /** 422 listing each bad answer as {@code /answers/<statement id>}; nothing is stored. */
    static void requireValid(PublishedQuestionnaire questionnaire, Map<String, Integer> answers, boolean complete) {
        List<AnswerCheck.Problem> problems = AnswerCheck.check(questionnaire.model(), answers, complete);
        if (problems.isEmpty()) {
            return;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (AnswerCheck.Problem p : problems) {
            errors.add(new Problem.FieldError("/answers/" + p.statementId().replace("~", "~0").replace("/", "~1"),
                    p.detail()));
        }
        throw ApiException.unprocessable(problems.size() + (problems.size() == 1 ? " answer is" : " answers are")
                + " not acceptable for questionnaire " + questionnaire.version(), errors);
    }
}
