package io.cutover.emulator;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Random identifiers shaped like Fly's, passwords, and the time stamps the emulator
 * records.
 */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    private static final String HEX = "0123456789abcdef";

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Ids() {
    }

    static String machine() {
        return random(HEX, 14);
    }

    static String volume() {
        return "vol_" + random(LOWER_ALNUM, 16);
    }

    static String snapshot() {
        return "vs_" + random(ALNUM, 20);
    }

    static String cluster() {
        return random(LOWER_ALNUM, 16);
    }

    static String backup() {
        return random(LOWER_ALNUM, 12);
    }

    /**
     * Letters and digits only, so a password never needs escaping in a URL, an ini or
     * SQL.
     */
    static String password() {
        return random(ALNUM, 24);
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * A time stamp {@code seconds} from now: when queued work (snapshots, backups) is
     * done.
     */
    static String later(long seconds) {
        return Instant.now().plusSeconds(seconds).toString();
    }

    static boolean reached(String timestamp) {
        return timestamp == null || !Instant.now().isBefore(Instant.parse(timestamp));
    }

    /** flyctl's humanized age of a time stamp, e.g. "3 minutes ago". */
    static String ago(String timestamp) {
        long seconds = Math.max(0, java.time.Duration.between(Instant.parse(timestamp), Instant.now()).getSeconds());
        if (seconds < 60) {
            return seconds <= 1 ? "1 second ago" : seconds + " seconds ago";
        }
        long[] limits = { 3600, 86400, 30L * 86400, 365L * 86400, Long.MAX_VALUE };
        long[] units = { 60, 3600, 86400, 30L * 86400, 365L * 86400 };
        String[] names = { "minute", "hour", "day", "month", "year" };
        int i = 0;
        while (seconds >= limits[i]) {
            i++;
        }
        long amount = seconds / units[i];
        return amount + " " + names[i] + (amount == 1 ? "" : "s") + " ago";
    }

    private static String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

}
