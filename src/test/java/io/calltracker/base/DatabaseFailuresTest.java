package io.calltracker.base;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** "Database away" (wait and retry) told from "this row is refused" (dead-letter it) by SQLSTATE class. */
class DatabaseFailuresTest {

    @ParameterizedTest
    @ValueSource(strings = {"22P05", "22003", "22P02", "22021", "23505", "23502"})
    void dataExceptionsAndIntegrityViolationsAreTheRowsFault(String state) {
        assertThat(DatabaseFailures.classify("could not enqueue", new SQLException("refused", state)))
                .isInstanceOf(RowRefusedException.class)
                .satisfies(e -> assertThat(((RowRefusedException) e).reason()).contains(state));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"08001", "08006", "53300", "53100", "57P01", "57014", "40001", "40P01", "XX000", "", "0"})
    void connectionResourcesShutdownRollbackAndUnknownFailuresAreTheDatabaseAway(String state) {
        assertThat(DatabaseFailures.classify("could not enqueue", new SQLException("away", state)))
                .isInstanceOf(DatabaseAwayException.class);
    }
}
