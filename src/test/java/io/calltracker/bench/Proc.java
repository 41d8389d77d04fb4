package io.calltracker.bench;

import io.calltracker.testing.TrackerProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What Linux says about a child process ({@code /proc/<pid>}), and stopping one for sure. */
final class Proc {

    /** USER_HZ; 100 on every mainstream Linux build. */
    private static final double CLOCK_TICKS_PER_SECOND = 100.0;

    private Proc() {
    }

    /** utime + stime of the process so far, in seconds. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the parenthesised command name start at field 3 (state); utime is 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLOCK_TICKS_PER_SECOND;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** VmRSS in MiB. */
    static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            // gone
        }
        return Double.NaN;
    }

    /** SIGTERM, then SIGKILL if it has not exited within 20 s. */
    static void stop(TrackerProcess process) {
        if (process == null) {
            return;
        }
        ProcessHandle.of(process.pid()).ifPresent(handle -> {
            handle.destroy();
            try {
                handle.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        });
    }
}
