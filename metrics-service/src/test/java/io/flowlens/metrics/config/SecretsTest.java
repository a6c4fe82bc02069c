package io.flowlens.metrics.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Outside the dev and test profiles (a packaged jar runs in prod) the service's secrets have no
 * default: its required settings cannot be read without them, so the configuration check refuses
 * to start, naming the variable to set. The datasource password is optional to Quarkus, hence its
 * required copy.
 */
class SecretsTest {

    /** Required property, and the variable its error names. */
    static final Map<String, String> REQUIRED = Map.of(
            "flowlens.metrics.required.database-password", "FLOWLENS_DB_PASSWORD",
            "flowlens.identity.secret", "FLOWLENS_IDENTITY_SECRET");

    static SmallRyeConfig config(String profile, Map<String, String> environment) throws Exception {
        return new SmallRyeConfigBuilder().withProfile(profile)
                .withSources(new PropertiesConfigSource(SecretsTest.class.getResource("/application.properties"), 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .build();
    }

    @Test
    void inProductionEachSecretMustBeGivenAndIsNamedWhenMissing() throws Exception {
        SmallRyeConfig prod = config("prod", Map.of());
        REQUIRED.forEach((property, variable) -> {
            NoSuchElementException missing = assertThrows(NoSuchElementException.class,
                    () -> prod.getValue(property, String.class), property);
            assertTrue(missing.getMessage().contains(variable), missing.getMessage());
        });
    }

    @Test
    void givenTheyAreUsed() throws Exception {
        SmallRyeConfig prod = config("prod", Map.of("FLOWLENS_DB_PASSWORD", "pw",
                "FLOWLENS_IDENTITY_SECRET", "a-real-secret-of-at-least-32-bytes-0123"));
        assertEquals("pw", prod.getValue("quarkus.datasource.password", String.class));
        assertEquals("pw", prod.getValue("flowlens.metrics.required.database-password", String.class));
    }

    @Test
    void devAndTestHaveDefaults() throws Exception {
        for (String profile : new String[] {"dev", "test"}) {
            assertEquals("flowlens", config(profile, Map.of())
                    .getValue("flowlens.metrics.required.database-password", String.class));
        }
    }
}
