package io.calltracker.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** What a test reads straight from the database, to check what the tracker wrote. */
public final class Rows {

    private Rows() {
    }

    /** The first column of the one row {@code sql} returns for the call, as text; the row must exist. */
    public static String value(DataSource dataSource, String sql, String callSid) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, callSid);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("a row for call %s", callSid).isTrue();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
