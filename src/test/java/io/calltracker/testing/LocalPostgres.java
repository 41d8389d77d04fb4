package io.calltracker.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL server on this machine (PGHOST/PGPORT, default 127.0.0.1:5432, user postgres),
 * with a fresh database per test run so tests never share state with {@code make run}.
 */
public final class LocalPostgres {

    public static final String HOST = env("PGHOST", "127.0.0.1");
    public static final String PORT = env("PGPORT", "5432");
    public static final String USER = env("PGUSER", "postgres");

    private LocalPostgres() {
    }

    /** Drops and creates {@code database}; returns its JDBC URL. */
    public static String freshDatabase(String database) {
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
            return url(database);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + HOST + ":" + PORT + " is not usable: " + e.getMessage(), e);
        }
    }

    public static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
