package io.calltracker.api;

import io.calltracker.base.ProblemType;
import io.calltracker.base.Problems;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets an /admin request through only with {@code Authorization: Bearer <tracker.admin.token>}.
 * Without a configured token every request is refused (503): the API is never open by omission.
 */
@Provider
@AdminEndpoint
@Priority(Priorities.AUTHENTICATION)
public class AdminTokenFilter implements ContainerRequestFilter {

    // Looked up per request: JAX-RS providers are built during static init, before runtime config exists.
    private final Instance<AdminConfig> config;

    AdminTokenFilter(Instance<AdminConfig> config) {
        this.config = config;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        switch (AdminTokenCheck.check(config.get().token(), request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            case DISABLED -> request.abortWith(Problems.of(
                    ProblemType.ADMIN_DISABLED, "admin API disabled: set TRACKER_ADMIN_TOKEN", path));
            case MISSING -> request.abortWith(unauthorized("send the header Authorization: Bearer <admin token>", path));
            case WRONG -> request.abortWith(unauthorized("the bearer token is not the admin token", path));
            case GRANTED -> {
            }
        }
    }

    private static Response unauthorized(String detail, String path) {
        Response problem = Problems.of(ProblemType.UNAUTHORIZED, detail, path);
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
