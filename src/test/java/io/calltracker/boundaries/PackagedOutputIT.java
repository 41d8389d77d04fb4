package io.calltracker.boundaries;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged daemon ({@code target/quarkus-app}: the runner jar, app/, lib/ and Quarkus' generated
 * classes) holds no simulator class, as {@code unzip -l} of each of its jars would show. Runs after
 * {@code package} (failsafe, {@code mvn verify}).
 */
class PackagedOutputIT {

    static final List<String> SIMULATOR_PREFIXES = List.of(
            String.join("/", "io", "exotelsim") + "/", String.join("/", "io", "calltracker", "simulator") + "/");

    @Test
    void theDaemonsPackageHoldsNoSimulatorClass() throws IOException {
        Path app = Path.of(System.getProperty("tracker.jar", "target/quarkus-app/quarkus-run.jar")).getParent();
        List<Path> jars;
        try (Stream<Path> files = Files.walk(app)) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
        List<String> entries = new ArrayList<>();
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                Collections.list(zip.entries()).forEach(entry -> entries.add(app.relativize(jar) + "!" + entry.getName()));
            }
        }

        assertThat(jars).as("jars under " + app).anyMatch(jar -> jar.startsWith(app.resolve("app")))
                .noneMatch(jar -> jar.getFileName().toString().contains("simulator"));
        assertThat(entries).as("the check sees the daemon's own classes")
                .anyMatch(entry -> entry.endsWith("io/calltracker/tracking/PollWorker.class"));
        assertThat(entries).as("simulator classes in the daemon's package")
                .noneMatch(entry -> SIMULATOR_PREFIXES.stream().anyMatch(prefix -> entry.contains("!" + prefix)))
                .noneMatch(entry -> entry.contains("!io/calltracker/") && entry.contains("Simulat"));
    }
}
