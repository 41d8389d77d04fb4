package io.calltracker.simulator;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/** Unless {@code simulator.enabled}, the simulator's endpoints answer 404, as if they did not exist. */
@Provider
@SimulatorEndpoint
public class SimulatorEnabledFilter implements ContainerRequestFilter {

    // Looked up per request: JAX-RS providers are built during static init, before runtime config exists.
    private final Instance<SimulatorConfig> config;

    SimulatorEnabledFilter(Instance<SimulatorConfig> config) {
        this.config = config;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!config.get().enabled()) {
            request.abortWith(Response.status(Response.Status.NOT_FOUND).build());
        }
    }
}
