package io.calltracker.api;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The admin API's access: {@code tracker.admin.token} (env {@code TRACKER_ADMIN_TOKEN}). */
@ConfigMapping(prefix = "tracker.admin")
public interface AdminConfig {

    /** The bearer token every /admin request must carry. Unset or blank: the admin API is disabled, never open. */
    Optional<String> token();
}
