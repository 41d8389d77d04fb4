package io.exotelsim;

import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;

/** Per call SID, the replies a test has queued for the next requests, served first in, first out. */
final class ScriptedReplies {

    private final ConcurrentMap<String, Queue<ScriptedReply>> queues = new ConcurrentHashMap<>();

    /** Appends to what is already queued, so a test can script a call in several steps. */
    void append(String callSid, List<ScriptedReply> replies) {
        if (replies == null) {
            throw new IllegalArgumentException("a list of replies is required");
        }
        replies.forEach(ScriptedReplies::validate);
        queues.computeIfAbsent(callSid, sid -> new ConcurrentLinkedQueue<>()).addAll(replies);
    }

    Optional<ScriptedReply> next(String callSid) {
        Queue<ScriptedReply> queue = queues.get(callSid);
        return queue == null ? Optional.empty() : Optional.ofNullable(queue.poll());
    }

    void clear() {
        queues.clear();
    }

    private static void validate(ScriptedReply reply) {
        if (reply == null || reply.status() < 100 || reply.status() > 599) {
            throw new IllegalArgumentException("every reply needs an HTTP status code");
        }
        if (reply.retryAfterSeconds() != null && reply.retryAfterSeconds() < 0) {
            throw new IllegalArgumentException("retry_after_seconds must not be negative");
        }
    }
}
