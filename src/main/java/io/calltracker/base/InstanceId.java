package io.calltracker.base;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name this process writes into its claims, so an operator can tell who holds a call. */
@ApplicationScoped
public class InstanceId {

    private final String value;

    public InstanceId(ProcessConfig config) {
        this.value = config.instanceId().orElseGet(InstanceId::hostAndPid);
    }

    public String value() {
        return value;
    }

    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}
