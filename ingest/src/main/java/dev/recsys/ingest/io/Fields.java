package dev.recsys.ingest.io;

import dev.recsys.schemas.RatingScale;

/** Splitting and number parsing shared by the formats; every failure is a {@link BadLineException}. */
final class Fields {
    private Fields() {
    }

    /** Splits on a separator, keeping empty fields; fails unless exactly {@code expected} fields result. */
    static String[] split(String line, String separator, int expected) throws BadLineException {
        String[] fields = new String[expected];
        int start = 0;
        for (int i = 0; i < expected - 1; i++) {
            int end = line.indexOf(separator, start);
            if (end < 0) {
                throw wrongCount(separator, expected, i + 1);
            }
            fields[i] = line.substring(start, end);
            start = end + separator.length();
        }
        int extra = 0;
        for (int at = line.indexOf(separator, start); at >= 0; at = line.indexOf(separator, at + separator.length())) {
            extra++;
        }
        if (extra > 0) {
            throw wrongCount(separator, expected, expected + extra);
        }
        fields[expected - 1] = line.substring(start);
        return fields;
    }

    private static BadLineException wrongCount(String separator, int expected, int found) {
        String name = switch (separator) {
            case "\t" -> "tab";
            case "|" -> "pipe";
            case "::" -> "'::'";
            case "," -> "comma";
            default -> "'" + separator + "'";
        };
        return BadLineException.malformed("expected " + expected + " " + name + "-separated fields, found " + found);
    }

    static int id(String text, String what) throws BadLineException {
        int id;
        try {
            id = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw BadLineException.malformed(what + " '" + text + "' is not a whole number");
        }
        if (id <= 0) {
            throw BadLineException.malformed(what + " " + id + " is not positive");
        }
        return id;
    }

    static float rating(String text) throws BadLineException {
        float rating;
        try {
            rating = Float.parseFloat(text.trim());
        } catch (NumberFormatException e) {
            throw BadLineException.malformed("rating '" + text + "' is not a number");
        }
        if (!RatingScale.contains(rating)) {
            throw new BadLineException(BadRecord.Reason.RATING_OUT_OF_RANGE, RatingScale.outside(text.trim()));
        }
        if (rating * 2 != Math.rint(rating * 2)) {
            throw new BadLineException(BadRecord.Reason.RATING_OUT_OF_RANGE,
                    "rating " + text.trim() + " is not a whole or half star");
        }
        return rating;
    }

    /** A Unix timestamp in seconds, as every MovieLens release writes it, to epoch millis. */
    static long epochSecondsToMillis(String text) throws BadLineException {
        try {
            return Math.multiplyExact(Long.parseLong(text.trim()), 1000L);
        } catch (NumberFormatException | ArithmeticException e) {
            throw BadLineException.malformed("timestamp '" + text + "' is not a number of seconds");
        }
    }

    static int number(String text, String what) throws BadLineException {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw BadLineException.malformed(what + " '" + text + "' is not a whole number");
        }
    }
}
