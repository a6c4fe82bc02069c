package io.flowlens.gateway.config;

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
 * Outside the dev and test profiles no secret has a default: the gateway's configuration cannot
 * be read without them (so it refuses to start), and the error names the setting to give.
 * A packaged jar runs in the prod profile.
 */
class SecretsTest {

    static final Map<String, String> SECRETS = RequiredSecrets.SECRETS;

    static SmallRyeConfig config(String profile, Map<String, String> environment) throws Exception {
        return new SmallRyeConfigBuilder().withProfile(profile)
                .withSources(new PropertiesConfigSource(SecretsTest.class.getResource("/application.properties"), 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .build();
    }

    @Test
    void inProductionEverySecretMustBeGivenAndIsNamedWhenMissing() throws Exception {
        SmallRyeConfig prod = config("prod", Map.of());
        SECRETS.forEach((property, variable) -> {
            NoSuchElementException missing = assertThrows(NoSuchElementException.class,
                    () -> prod.getValue(property, String.class), property);
            assertTrue(missing.getMessage().contains(variable) && missing.getMessage().contains(property),
                    missing.getMessage());
        });
        // Optional properties (the datasource password, the platform key) read as empty: the check names them all.
        assertEquals(java.util.List.of("flowlens.gateway.platform-key (env FLOWLENS_ADMIN_KEY)",
                "flowlens.identity.secret (env FLOWLENS_IDENTITY_SECRET)",
                "quarkus.datasource.password (env FLOWLENS_DB_PASSWORD)"), RequiredSecrets.missing(prod, SECRETS));
        assertEquals(java.util.List.of("flowlens.gateway.platform-key (env FLOWLENS_ADMIN_KEY)"),
                RequiredSecrets.missing(config("prod", Map.of("FLOWLENS_IDENTITY_SECRET", "s".repeat(32),
                        "FLOWLENS_DB_PASSWORD", "pw", "FLOWLENS_ADMIN_KEY", " ")), SECRETS));
    }

    @Test
    void givenTheyAreUsed() throws Exception {
        SmallRyeConfig prod = config("prod", Map.of("FLOWLENS_IDENTITY_SECRET", "a-real-secret-of-at-least-32-bytes-0123",
                "FLOWLENS_ADMIN_KEY", "flk_real", "FLOWLENS_DB_PASSWORD", "pw"));
        assertEquals("flk_real", prod.getValue("flowlens.gateway.platform-key", String.class));
        assertEquals("pw", prod.getValue("quarkus.datasource.password", String.class));
        assertEquals(java.util.List.of(), RequiredSecrets.missing(prod, SECRETS));
    }

    @Test
    void theDatabasePasswordIsRequiredBeforeAnythingConnects() throws Exception {
        // Its required copy is checked with the configuration, before Flyway connects (RequiredSecrets comes later).
        NoSuchElementException missing = assertThrows(NoSuchElementException.class, () -> config("prod", Map.of())
                .getValue("flowlens.gateway.required.database-password", String.class));
        assertTrue(missing.getMessage().contains("FLOWLENS_DB_PASSWORD"), missing.getMessage());
        assertEquals("pw", config("prod", Map.of("FLOWLENS_DB_PASSWORD", "pw"))
                .getValue("flowlens.gateway.required.database-password", String.class));
        assertEquals("flowlens", config("test", Map.of())
                .getValue("flowlens.gateway.required.database-password", String.class));
    }

    @Test
    void devAndTestHaveDefaults() throws Exception {
        for (String profile : new String[] {"dev", "test"}) {
            SmallRyeConfig config = config(profile, Map.of());
            SECRETS.keySet().forEach(property -> assertTrue(!config.getValue(property, String.class).isBlank(), property));
        }
    }
}
