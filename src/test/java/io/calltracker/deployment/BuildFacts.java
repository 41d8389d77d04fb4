package io.calltracker.deployment;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the build produces and where deployment files must agree with it: the projects' versions
 * (pom.xml) and the image names {@code make image} tags, asked from make itself ({@code make image-names}),
 * so a changed Makefile is checked as it is, not as this class assumes it to be.
 */
final class BuildFacts {

    private BuildFacts() {
    }

    /** The {@code <version>} of a pom.xml's project element. */
    static String projectVersion(Path pom) {
        try {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
            var children = document.getDocumentElement().getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if ("version".equals(children.item(i).getNodeName())) {
                    return children.item(i).getTextContent().strip();
                }
            }
            throw new AssertionError("no <version> in " + pom);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code make -s image-names}: the daemon's image, then the simulator's, as name:tag. */
    static List<String> imageNames() {
        return List.of(run("make", "-s", "--no-print-directory", "image-names").strip().split("\\s+"));
    }

    /** A command's standard output (its errors go to the test's output); it must exit with 0 within a minute. */
    static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (its errors are in the output above):\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError(String.join(" ", command) + " could not run (" + e.getMessage()
                    + "); make deploy-check needs make on the PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
