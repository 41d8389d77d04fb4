package io.calltracker.exotel;

/** Exotel clusters; each serves its own accounts. */
public enum Region {
    SINGAPORE("https://ccm-api.exotel.com"),
    MUMBAI("https://ccm-api.in.exotel.com");

    private final String v3Host;

    Region(String v3Host) {
        this.v3Host = v3Host;
    }

    public String v3Host() {
        return v3Host;
    }
}
