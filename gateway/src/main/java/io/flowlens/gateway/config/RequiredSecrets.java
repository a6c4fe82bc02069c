package io.flowlens.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Outside the dev and test profiles the gateway does not start without its secrets, and says
 * which are missing. The properties read their variables without a default outside %dev/%test
 * (application.properties); a required property then fails on its own, but an optional one (the
 * datasource password, the platform key) would silently be empty, hence this check of all of
 * them. Nothing in it is the gateway's: another service lists its own secrets the same way.
 */
public class RequiredSecrets {

    /** Each secret's property and the environment variable that sets it. */
    static final Map<String, String> SECRETS = new TreeMap<>(Map.of(
            "flowlens.identity.secret", "FLOWLENS_IDENTITY_SECRET",
            "flowlens.gateway.platform-key", "FLOWLENS_ADMIN_KEY",
            "quarkus.datasource.password", "FLOWLENS_DB_PASSWORD"));

    void check(@Observes @Priority(1) StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT || LaunchMode.current() == LaunchMode.TEST) {
            return;
        }
        List<String> missing = missing(ConfigProvider.getConfig(), SECRETS);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the gateway needs its secrets outside the dev and test profiles; not set: "
                    + String.join(", ", missing));
        }
    }

    /** "property (env VARIABLE)" of each secret without a value (absent, blank, or an unset variable). */
    public static List<String> missing(Config config, Map<String, String> secrets) {
        List<String> missing = new ArrayList<>();
        secrets.forEach((property, variable) -> {
            String value;
            try {
                value = config.getOptionalValue(property, String.class).orElse("");
            } catch (NoSuchElementException | IllegalArgumentException unexpandable) {
                value = "";
            }
            if (value.isBlank()) {
                missing.add(property + " (env " + variable + ")");
            }
        });
        return missing;
    }
}
