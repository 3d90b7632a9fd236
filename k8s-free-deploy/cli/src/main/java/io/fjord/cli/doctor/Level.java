package io.fjord.cli.doctor;

/** A verdict's weight: only FAIL makes {@code fjord doctor} exit with code 1. Upper case FAIL stands out. */
public enum Level {
    OK("ok"), WARN("warn"), FAIL("FAIL");

    private final String label;

    Level(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
