package io.cutover.verify;

/**
 * One point of a preflight: what was checked, how it came out, and what to change if it
 * failed.
 */
public record PreflightPoint(String check, Result result, String detail, String fix) {

    public enum Result {

        PASS, WARN, FAIL

    }

    public static PreflightPoint pass(String check, String detail) {
        return new PreflightPoint(check, Result.PASS, detail, "");
    }

    public static PreflightPoint warn(String check, String detail, String fix) {
        return new PreflightPoint(check, Result.WARN, detail, fix);
    }

    public static PreflightPoint fail(String check, String detail, String fix) {
        return new PreflightPoint(check, Result.FAIL, detail, fix);
    }
}
