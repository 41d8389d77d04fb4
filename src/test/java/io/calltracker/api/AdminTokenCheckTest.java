package io.calltracker.api;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.calltracker.api.AdminTokenCheck.Verdict.DISABLED;
import static io.calltracker.api.AdminTokenCheck.Verdict.GRANTED;
import static io.calltracker.api.AdminTokenCheck.Verdict.MISSING;
import static io.calltracker.api.AdminTokenCheck.Verdict.WRONG;
import static io.calltracker.api.AdminTokenCheck.check;
import static org.assertj.core.api.Assertions.assertThat;

class AdminTokenCheckTest {

    private static final Optional<String> TOKEN = Optional.of("s3cret-token");

    @Test
    void withoutAConfiguredTokenNothingIsGrantedNotEvenAnEmptyBearer() {
        assertThat(check(Optional.empty(), "Bearer s3cret-token")).isEqualTo(DISABLED);
        assertThat(check(Optional.empty(), "Bearer ")).isEqualTo(DISABLED);
        assertThat(check(Optional.of("  "), "Bearer   ")).isEqualTo(DISABLED);
        assertThat(check(Optional.empty(), null)).isEqualTo(DISABLED);
    }

    @Test
    void onlyTheExactTokenAsABearerCredentialIsGranted() {
        assertThat(check(TOKEN, "Bearer s3cret-token")).isEqualTo(GRANTED);
        assertThat(check(TOKEN, "bearer s3cret-token")).as("the scheme is case-insensitive").isEqualTo(GRANTED);
        assertThat(check(TOKEN, "Bearer s3cret-tokenX")).isEqualTo(WRONG);
        assertThat(check(TOKEN, "Bearer s3cret-toke")).isEqualTo(WRONG);
        assertThat(check(TOKEN, "Bearer S3CRET-TOKEN")).isEqualTo(WRONG);
        assertThat(check(TOKEN, "Bearer ")).isEqualTo(WRONG);
    }

    @Test
    void anyOtherSchemeOrNoHeaderIsMissingCredentials() {
        assertThat(check(TOKEN, null)).isEqualTo(MISSING);
        assertThat(check(TOKEN, "")).isEqualTo(MISSING);
        assertThat(check(TOKEN, "s3cret-token")).isEqualTo(MISSING);
        assertThat(check(TOKEN, "Basic czNjcmV0LXRva2Vu")).isEqualTo(MISSING);
    }
}
