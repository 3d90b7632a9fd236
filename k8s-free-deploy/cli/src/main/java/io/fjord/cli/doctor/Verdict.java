package io.fjord.cli.doctor;

/** One line of the doctor's report: the check, what was measured, and what it means. */
public record Verdict(Level level, String check, String figure, String detail) {
    public static Verdict ok(String check, String figure, String detail) {
        return new Verdict(Level.OK, check, figure, detail);
    }

    public static Verdict warn(String check, String figure, String detail) {
        return new Verdict(Level.WARN, check, figure, detail);
    }

    public static Verdict fail(String check, String figure, String detail) {
        return new Verdict(Level.FAIL, check, figure, detail);
    }
}
