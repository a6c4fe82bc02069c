package io.flowlens.assessment.questionnaire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The published questionnaire versions. A published version never changes, so each is read
 * from the database once and kept: scoring a submission needs no query for its questionnaire.
 */
@ApplicationScoped
public class QuestionnaireCatalog {

    // Stored definitions are ours but may carry fields a later release adds: read them leniently.
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Map<String, PublishedQuestionnaire> cache = new ConcurrentHashMap<>();

    public Optional<PublishedQuestionnaire> find(String version) {
        if (version == null) {
            return Optional.empty();
        }
        PublishedQuestionnaire cached = cache.get(version);
        if (cached != null) {
            return Optional.of(cached);
        }
        QuestionnaireEntity entity = QuarkusTransaction.joiningExisting().call(() -> QuestionnaireEntity.findById(version));
        if (entity == null) {
            return Optional.empty();
        }
        PublishedQuestionnaire published = PublishedQuestionnaire.of(parse(entity.definition), entity.publishedAt);
        cache.put(version, published);
        return Optional.of(published);
    }

    /** The version a request names, or 422 naming the field when it was never published. */
    public PublishedQuestionnaire require(String version, String pointer) {
        return find(version).orElseThrow(() -> ApiException.unprocessable(
                "questionnaire version " + version + " does not exist",
                List.of(new Problem.FieldError(pointer, "questionnaire version '" + version
                        + "' does not exist; published: " + String.join(", ", versions())))));
    }

    /**
     * Oldest first. Only the versions are read (another replica may have published one since);
     * their definitions come from the cache: reading every definition per call cost a listing
     * most of its time (a 9 KB jsonb turned to text, sent and mapped, per version).
     */
    @Transactional
    public List<PublishedQuestionnaire> all() {
        List<String> versions = QuestionnaireEntity.getEntityManager()
                .createQuery("select q.version from QuestionnaireEntity q order by q.publishedAt, q.version", String.class)
                .getResultList();
        return versions.stream().map(version -> find(version).orElseThrow()).toList();
    }

    public List<String> versions() {
        return all().stream().map(PublishedQuestionnaire::version).toList();
    }

    /** The newest published version, the default where a caller names none. */
    public PublishedQuestionnaire newest() {
        List<PublishedQuestionnaire> all = all();
        return all.get(all.size() - 1);
    }

    /** Publishes a new version; 409 when it exists (published versions never change). */
    @Transactional
    public PublishedQuestionnaire publish(QuestionnaireDocument doc) {
        checkConsistent(doc);
        if (QuestionnaireEntity.findById(doc.id()) != null) {
            throw ApiException.conflict("questionnaire " + doc.id() + " is already published and never changes;"
                    + " publish it under a new version");
        }
        QuestionnaireEntity entity = new QuestionnaireEntity();
        entity.version = doc.id();
        entity.title = doc.title();
        entity.publishedAt = java.time.Instant.now();
        try {
            entity.definition = JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        entity.persist();
        return PublishedQuestionnaire.of(doc, entity.publishedAt);
    }

    /** Rules Bean Validation cannot say: unique ids, a sane scale, levels starting at 0. */
    static void checkConsistent(QuestionnaireDocument doc) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (doc.scale().max() <= doc.scale().min()) {
            errors.add(new Problem.FieldError("/scale/max", "must be greater than min"));
        }
        if (doc.levels().stream().noneMatch(l -> l.from().signum() == 0)) {
            errors.add(new Problem.FieldError("/levels", "one level must start from 0"));
        }
        Set<String> ids = new HashSet<>();
        for (int d = 0; d < doc.dimensions().size(); d++) {
            QuestionnaireDocument.Dimension dim = doc.dimensions().get(d);
            if (!ids.add(dim.id())) {
                errors.add(new Problem.FieldError("/dimensions/" + d + "/id", "duplicate id " + dim.id()));
            }
            for (int s = 0; s < dim.statements().size(); s++) {
                String id = dim.statements().get(s).id();
                if (!ids.add(id)) {
                    errors.add(new Problem.FieldError("/dimensions/" + d + "/statements/" + s + "/id", "duplicate id " + id));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    static QuestionnaireDocument parse(String json) {
        try {
            return JSON.readValue(json, QuestionnaireDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored questionnaire is unreadable", e);
        }
    }
}
