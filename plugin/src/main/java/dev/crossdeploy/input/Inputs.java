package dev.crossdeploy.input;

import dev.crossdeploy.CrossdeployException;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Reads settings as the user typed them (POM, {@code -D}, stages file) strictly: a flag is
 * {@code true} or {@code false} and a number lies within its documented bounds, else one line
 * names the parameter and what it accepts. Maven's own conversion reads {@code yes} as false
 * and {@code abc} as a stack trace, so goals bind these settings as text and read them here.
 */
public final class Inputs {
    private Inputs() {}

    /**
     * @param parameter how the user names the setting, e.g. {@code crossdeploy.dryRun}
     * @param text      the value as written; null or blank gives {@code otherwise}
     */
    public static boolean flag(String parameter, String text, boolean otherwise) {
        if (text == null || text.isBlank()) return otherwise;
        String value = text.trim();
        if (value.equalsIgnoreCase("true")) return true;
        if (value.equalsIgnoreCase("false")) return false;
        throw new CrossdeployException(parameter + " '" + value + "' is not a boolean; use true or false.");
    }

    /** Flag without a default: null when not written, so stage overrides can tell absent from false. */
    public static Boolean optionalFlag(String parameter, String text) {
        return text == null || text.isBlank() ? null : flag(parameter, text, false);
    }

    /**
     * A whole number in {@code [min, max]}; {@code bounds} says them in the user's words
     * (e.g. "5242880 (5 MiB) to 5368709120 (5 GiB) bytes").
     */
    public static long number(String parameter, String text, long otherwise, long min, long max, String bounds) {
        if (text == null || text.isBlank()) return otherwise;
        String value = text.trim();
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new CrossdeployException(parameter + " '" + value + "' is not a whole number; use " + bounds + ".");
        }
        if (parsed < min || parsed > max) {
            throw new CrossdeployException(parameter + " " + parsed + " is out of bounds; use " + bounds + ".");
        }
        return parsed;
    }

    /**
     * An ISO-8601 duration ({@code PT30S}, {@code PT2M}) in {@code [min, max]}; null or blank gives
     * {@code otherwise}.
     */
    public static Duration duration(String parameter, String text, Duration otherwise, Duration min, Duration max) {
        if (text == null || text.isBlank()) return otherwise;
        String value = text.trim();
        Duration parsed;
        try {
            parsed = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new CrossdeployException(parameter + " '" + value + "' is not an ISO-8601 duration; use one from "
                    + min + " to " + max + ", such as PT30S or PT2M.");
        }
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            throw new CrossdeployException(parameter + " " + value + " is out of bounds; use a duration from "
                    + min + " to " + max + ", such as PT30S or PT2M.");
        }
        return parsed;
    }
}
