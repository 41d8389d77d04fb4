package io.calltracker.base;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Locale;

/** Says at start-up which renamed settings are still set under their old name, and what to set instead. */
@ApplicationScoped
public class RenamedSettingsWarning {

    private static final Logger LOG = Logger.getLogger(RenamedSettingsWarning.class);

    private final SmallRyeConfig config;

    /** @param formerNames declares the old names, so that start-up accepts them (see {@link FormerNames}) */
    public RenamedSettingsWarning(SmallRyeConfig config, FormerNames formerNames) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        RenamedSettings.OLD_NAMES.forEach((newName, oldName) -> {
            ConfigValue old = config.getConfigValue(oldName);
            boolean sameVariable = env(oldName).equals(env(newName)) && old.getConfigSourceName() != null
                    && old.getConfigSourceName().startsWith("EnvConfigSource");
            if (old.getValue() != null && !sameVariable) {
                LOG.warnf("setting %s (env %s) is deprecated and will stop working in the next release: set %s (env %s)",
                        oldName, env(oldName), newName, env(newName));
            }
        });
    }

    static String env(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
