package io.flowlens.assessment.questionnaire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** ccm-2026.1 exactly as the service publishes it: read from its Flyway migration, for plain tests. */
public final class SeedQuestionnaire {

    private SeedQuestionnaire() {
    }

    public static PublishedQuestionnaire ccm() {
        try (InputStream in = SeedQuestionnaire.class.getResourceAsStream("/db/migration/V2__questionnaire_ccm_2026_1.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int from = sql.indexOf("$json$") + "$json$".length();
            String json = sql.substring(from, sql.indexOf("$json$", from));
            return PublishedQuestionnaire.of(QuestionnaireCatalog.parse(json), Instant.EPOCH);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
