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

    /** Property, and the environment variable that sets it. */
    static final Map<String, String> SECRETS = Map.of(
            "flowlens.identity.secret", "FLOWLENS_IDENTITY_SECRET",
            "flowlens.gateway.platform-key", "FLOWLENS_ADMIN_KEY",
            "quarkus.datasource.password", "FLOWLENS_DB_PASSWORD");

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
    }

    @Test
    void givenTheyAreUsed() throws Exception {
        SmallRyeConfig prod = config("prod", Map.of("FLOWLENS_IDENTITY_SECRET", "a-real-secret-of-at-least-32-bytes-0123",
                "FLOWLENS_ADMIN_KEY", "flk_real", "FLOWLENS_DB_PASSWORD", "pw"));
        assertEquals("flk_real", prod.getValue("flowlens.gateway.platform-key", String.class));
        assertEquals("pw", prod.getValue("quarkus.datasource.password", String.class));
    }

    @Test
    void devAndTestHaveDefaults() throws Exception {
        for (String profile : new String[] {"dev", "test"}) {
            SmallRyeConfig config = config(profile, Map.of());
            SECRETS.keySet().forEach(property -> assertTrue(!config.getValue(property, String.class).isBlank(), property));
        }
    }
}
