package io.calltracker.boundaries;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daemon and the Exotel simulator share no code: no source file of one names a package of the
 * other (import, static import or fully qualified name), no compiled class of the daemon refers to
 * the simulator, and neither Maven project depends on the other. The simulator is a stand-in for
 * Exotel and must not inherit the daemon's bugs; the daemon must not ship a fake Exotel.
 */
class SimulatorBoundaryTest {

    // Spelled at run time, so that this class's own source and bytecode do not hold the names it looks for.
    static final String SIMULATOR_PACKAGE = String.join(".", "io", "exotelsim");
    static final String OLD_SIMULATOR_PACKAGE = String.join(".", "io", "calltracker", "simulator");
    static final String DAEMON_PACKAGE = String.join(".", "io", "calltracker");

    static final Path SIMULATOR = Path.of("simulator");

    @Test
    void theDaemonsSourcesNameNoSimulatorPackage() {
        List<String> offences = references(Path.of("src"), SIMULATOR_PACKAGE, OLD_SIMULATOR_PACKAGE);

        assertThat(javaFiles(Path.of("src", "main", "java"))).as("the check sees the daemon's sources").isNotEmpty();
        assertThat(offences).as("daemon sources naming the simulator").isEmpty();
    }

    @Test
    void theSimulatorsSourcesNameNoDaemonPackage() {
        List<String> offences = references(SIMULATOR.resolve("src"), DAEMON_PACKAGE);

        assertThat(javaFiles(SIMULATOR.resolve(Path.of("src", "main", "java")))).as("the check sees the simulator's sources")
                .isNotEmpty();
        assertThat(offences).as("simulator sources naming the daemon").isEmpty();
    }

    @Test
    void theDaemonsClassesReferToNoSimulatorClass() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Path classes : List.of(Path.of("target", "classes"), Path.of("target", "test-classes"))) {
            for (Path file : files(classes, ".class")) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String pkg : List.of(SIMULATOR_PACKAGE, OLD_SIMULATOR_PACKAGE)) {
                    if (bytes.contains(pkg.replace('.', '/') + "/") || bytes.contains(pkg + ".")) {
                        offences.add(classes.relativize(file) + " refers to " + pkg);
                    }
                }
            }
        }
        assertThat(files(Path.of("target", "classes"), ".class")).as("compiled daemon classes").isNotEmpty();
        assertThat(offences).isEmpty();
    }

    @Test
    void neitherMavenProjectDependsOnTheOther() throws IOException {
        String daemonPom = Files.readString(Path.of("pom.xml"));
        String simulatorPom = Files.readString(SIMULATOR.resolve("pom.xml"));

        assertThat(artifactId(daemonPom)).isEqualTo("exotel-call-tracker");
        assertThat(artifactId(simulatorPom)).isEqualTo("exotel-simulator");
        assertThat(dependencies(daemonPom)).as("the daemon's dependencies").noneMatch(d -> d.contains("exotel-simulator"));
        assertThat(dependencies(simulatorPom)).as("the simulator's dependencies")
                .noneMatch(d -> d.contains("exotel-call-tracker"));
        assertThat(simulatorPom).as("no parent: the simulator builds alone").doesNotContain("<parent>");
        assertThat(daemonPom).as("no reactor around the daemon").doesNotContain("<modules>");
    }

    /** "file:line: text" for each line naming one of the packages as code (comments included: a name is a name). */
    static List<String> references(Path root, String... packages) {
        List<String> offences = new ArrayList<>();
        List<Pattern> patterns = Stream.of(packages)
                .map(pkg -> Pattern.compile("(?<![\\w.])" + Pattern.quote(pkg) + "(?=[.;\\s*]|$)")).toList();
        for (Path file : javaFiles(root)) {
            try {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    for (Pattern pattern : patterns) {
                        Matcher matcher = pattern.matcher(lines.get(i));
                        if (matcher.find()) {
                            offences.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return offences;
    }

    static List<Path> javaFiles(Path root) {
        return files(root, ".java");
    }

    static List<Path> files(Path root, String suffix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String artifactId(String pom) {
        Matcher matcher = Pattern.compile("<artifactId>([^<]+)</artifactId>")
                .matcher(pom.replaceAll("(?s)<parent>.*?</parent>|<!--.*?-->", ""));
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    static List<String> dependencies(String pom) {
        List<String> dependencies = new ArrayList<>();
        Matcher matcher = Pattern.compile("(?s)<dependency>(.*?)</dependency>").matcher(pom.replaceAll("(?s)<!--.*?-->", ""));
        while (matcher.find()) {
            dependencies.add(matcher.group(1));
        }
        return dependencies;
    }
}
