package io.calltracker.devstack;

import io.calltracker.testing.LocalPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The database of {@code make run}: database exotel_tracker on the local server, else an embedded PostgreSQL. */
final class DevDatabase implements AutoCloseable {

    private static final String DATABASE = "exotel_tracker";
    private static final int EMBEDDED_PORT = 5433;

    private final String jdbcUrl;
    private final String user;
    private final EmbeddedPostgres embedded;

    private DevDatabase(String jdbcUrl, String user, EmbeddedPostgres embedded) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.embedded = embedded;
    }

    static DevDatabase start(Path dataDirectory) throws IOException, SQLException {
        if (reachable(LocalPostgres.HOST, Integer.parseInt(LocalPostgres.PORT))) {
            createIfMissing(LocalPostgres.url("postgres"), LocalPostgres.USER);
            return new DevDatabase(LocalPostgres.url(DATABASE), LocalPostgres.USER, null);
        }
        DevStack.say("no PostgreSQL at " + LocalPostgres.HOST + ":" + LocalPostgres.PORT + ", starting an embedded one …");
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPort(EMBEDDED_PORT)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .start();
        String admin = "jdbc:postgresql://127.0.0.1:" + EMBEDDED_PORT + "/postgres";
        createIfMissing(admin, "postgres");
        return new DevDatabase("jdbc:postgresql://127.0.0.1:" + EMBEDDED_PORT + "/" + DATABASE, "postgres", pg);
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String user() {
        return user;
    }

    boolean embedded() {
        return embedded != null;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, "");
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                System.err.println("embedded PostgreSQL did not stop cleanly: " + e);
            }
        }
    }

    private static void createIfMissing(String adminUrl, String user) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, user, ""); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DATABASE);
        }
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
