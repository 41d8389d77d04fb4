package io.calltracker.exotel;

/**
 * One Exotel account the tracker polls. {@code baseUrl} serves v3, {@code v1BaseUrl} v1 (the same
 * when a simulator or proxy stands in for both). {@code authorization} is the ready Basic-auth header
 * value; it is a secret and is never part of {@link #toString()}.
 */
public record Account(String sid, String baseUrl, String v1BaseUrl, String authorization, int rateSharePerMinute) {

    public boolean unlimited() {
        return rateSharePerMinute <= 0;
    }

    @Override
    public String toString() {
        return "Account[" + sid + ", " + baseUrl + ", share=" + rateSharePerMinute + "/min]";
    }
}
