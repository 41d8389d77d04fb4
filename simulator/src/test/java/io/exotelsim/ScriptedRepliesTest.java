package io.exotelsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptedRepliesTest {

    private final ScriptedReplies scripts = new ScriptedReplies();

    @Test
    void servesTheRepliesInOrderAcrossScriptsThenNothing() {
        scripts.append("sid", List.of(ScriptedReply.withStatus(500), ScriptedReply.withStatus(429)));
        scripts.append("sid", List.of(ScriptedReply.withStatus(200)));

        assertThat(scripts.next("sid")).map(ScriptedReply::status).contains(500);
        assertThat(scripts.next("sid")).map(ScriptedReply::status).contains(429);
        assertThat(scripts.next("sid")).map(ScriptedReply::status).contains(200);
        assertThat(scripts.next("sid")).isEmpty();
        assertThat(scripts.next("other")).isEmpty();
    }

    @Test
    void rejectsAReplyWithoutAValidStatus() {
        assertThatThrownBy(() -> scripts.append("sid", List.of(new ScriptedReply(0, null, "x"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(scripts.next("sid")).isEmpty();
    }
}
