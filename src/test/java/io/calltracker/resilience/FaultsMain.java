package io.calltracker.resilience;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code make faults}: the long fault suite ({@code FAULTS=short} for every fault, shortened; {@code quick}
 * as in {@code make test}); prints its table and writes target/faults/results.json. Exits 1 when a
 * figure that must hold does not.
 */
public final class FaultsMain {

    private FaultsMain() {
    }

    public static void main(String[] args) throws Exception {
        FaultSuite.Settings settings = FaultSuite.Settings.named(args.length > 0 ? args[0] : "full");
        Figures figures;
        try (FaultSuite suite = new FaultSuite(settings, FaultSuite.Ports.MAKE_FAULTS)) {
            figures = suite.run();
        }
        System.out.println(figures.table());
        new ObjectMapper().registerModule(new JavaTimeModule()).writerWithDefaultPrettyPrinter()
                .writeValue(Path.of("target", "faults", "results.json").toFile(), figures);
        List<String> violations = figures.violations(0);
        violations.forEach(violation -> System.out.println("DOES NOT HOLD: " + violation));
        System.out.println(violations.isEmpty() ? "every figure that must hold holds" : violations.size() + " figures do not hold");
        System.exit(violations.isEmpty() ? 0 : 1);
    }
}
