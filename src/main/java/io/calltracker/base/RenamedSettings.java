package io.calltracker.base;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import jakarta.annotation.Priority;

import java.util.Map;

/**
 * Settings renamed when each capability got its own configuration: the old name (and so its
 * environment variable) still works for one release, and wins over the new name's default but not
 * over the new name set in the same or a stronger source. {@link RenamedSettingsWarning} logs each
 * old name in use. SmallRye Config's own fallback interceptor cannot do this: it consults the old
 * name only when the new one has no value at all, and every new name has a default.
 */
@Priority(RenamedSettings.PRIORITY)
public class RenamedSettings implements ConfigSourceInterceptor {

    static final int PRIORITY = 3000;

    /** New name → old name. Remove an entry one release after its rename. */
    static final Map<String, String> OLD_NAMES = Map.ofEntries(
            Map.entry("exotel.rate-share-per-minute", "tracker.rate-share-per-minute"),
            Map.entry("tracker.guard.circuit-open-delay", "tracker.circuit-open-delay"),
            Map.entry("tracker.guard.auth-recheck-interval", "tracker.auth-recheck-interval"),
            Map.entry("tracker.intake.max-bytes", "tracker.intake-max-bytes"),
            Map.entry("tracker.outbox.batch-size", "tracker.outbox-batch-size"),
            Map.entry("tracker.outbox.interval", "tracker.outbox-interval"),
            Map.entry("tracker.outbox.send-timeout", "tracker.outbox-send-timeout"),
            Map.entry("tracker.admin.token", "tracker.admin-token"));

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue current = context.proceed(name);
        String oldName = OLD_NAMES.get(name);
        if (oldName == null) {
            return current;
        }
        ConfigValue old = context.proceed(oldName);
        if (old != null && old.getValue() != null
                && (current == null || current.getValue() == null || old.getConfigSourceOrdinal() > current.getConfigSourceOrdinal())) {
            return old.withName(name);
        }
        return current;
    }
}
