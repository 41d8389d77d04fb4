package io.calltracker.exotel;

/** Exotel clusters; each serves its own accounts. */
public enum Region {
    SINGAPORE("https://ccm-api.exotel.com", "https://api.exotel.com"),
    MUMBAI("https://ccm-api.in.exotel.com", "https://api.in.exotel.com");

    private final String v3Host;
    private final String v1Host;

    Region(String v3Host, String v1Host) {
        this.v3Host = v3Host;
        this.v1Host = v1Host;
    }

    public String v1Host() {
        return v1Host;
    }

    public String v3Host() {
        return v3Host;
    }
}
