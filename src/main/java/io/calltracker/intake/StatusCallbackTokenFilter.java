package io.calltracker.intake;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Lets a status callback through only when its URL carries {@code tracker.status-callback.token}.
 * Anything else answers 404, as an unknown path does, so a guess learns nothing. Runs before the
 * body is read. Neither the token nor the path holding it is logged.
 */
@Provider
@StatusCallbackEndpoint
@Priority(Priorities.AUTHENTICATION)
public class StatusCallbackTokenFilter implements ContainerRequestFilter {

    static final String TOKEN = "token";

    // Looked up per request: JAX-RS providers are built during static init, before runtime config exists.
    private final Instance<CallbackConfig> config;
    private final Instance<StatusCallbackCounter> counter;

    StatusCallbackTokenFilter(Instance<CallbackConfig> config, Instance<StatusCallbackCounter> counter) {
        this.config = config;
        this.counter = counter;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String> token = config.get().token().filter(value -> !value.isBlank());
        if (token.isEmpty()) {
            request.abortWith(Response.status(Response.Status.NOT_FOUND).build());
            return;
        }
        String presented = request.getUriInfo().getPathParameters().getFirst(TOKEN);
        // Constant time in the presented value, so response times do not reveal how much of a guess was right.
        if (presented == null || !MessageDigest.isEqual(token.get().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8))) {
            counter.get().count(StatusCallbackCounter.BAD_TOKEN);
            request.abortWith(Response.status(Response.Status.NOT_FOUND).build());
        }
    }
}
