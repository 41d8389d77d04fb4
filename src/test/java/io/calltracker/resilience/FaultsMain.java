package io.calltracker.resilience;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.nio.file.Path;

/** {@code make faults}: the longer fault suite; prints its table and writes target/faults/results.json. */
public final class FaultsMain {

    private FaultsMain() {
    }

    public static void main(String[] args) throws Exception {
        FaultSuite.Settings settings = args.length > 0 && args[0].equals("quick") ? FaultSuite.Settings.quick() : FaultSuite.Settings.full();
        Figures figures;
        try (FaultSuite suite = new FaultSuite(settings)) {
            figures = suite.run();
        }
        System.out.println(figures.table());
        new ObjectMapper().registerModule(new JavaTimeModule()).writerWithDefaultPrettyPrinter()
                .writeValue(Path.of("target", "faults", "results.json").toFile(), figures);
        System.exit(0);
    }
}
