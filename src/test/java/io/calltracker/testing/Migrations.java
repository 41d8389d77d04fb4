package io.calltracker.testing;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's migrations applied in version order, for tests that use a database without the
 * application. Flyway itself finds no database plugin outside Quarkus' class loading, and the
 * migrations use no Flyway placeholders.
 */
public final class Migrations {

    private Migrations() {
    }

    public static void applyAll(DataSource database) throws SQLException {
        applyUpTo(database, Integer.MAX_VALUE);
    }

    /** Applies the migrations up to and including {@code lastVersion}. */
    public static void applyUpTo(DataSource database, int lastVersion) throws SQLException {
        apply(database, migrations().stream().filter(m -> version(m) <= lastVersion).toList());
    }

    /** Applies exactly the migration of {@code version}. */
    public static void apply(DataSource database, int version) throws SQLException {
        apply(database, migrations().stream().filter(m -> version(m) == version).toList());
    }

    private static void apply(DataSource database, List<Path> migrations) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            for (Path migration : migrations) {
                s.execute(Files.readString(migration));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> migrations() {
        try (Stream<Path> files = Files.list(Path.of("db/migration"))) {
            return files.sorted(Comparator.comparingInt(Migrations::version)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }
}
