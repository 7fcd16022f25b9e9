package dev.recsys.ingest.io;

import java.nio.file.Path;

/**
 * One input line that was not used, and why.
 *
 * @param file   the file the line came from
 * @param line   its 1-based line number
 * @param reason the kind of problem, for counting
 * @param detail what exactly is wrong, for a person to read
 * @param raw    the line as it was read
 */
public record BadRecord(Path file, long line, Reason reason, String detail, String raw) {

    /** The kinds of bad input, counted separately in summaries. */
    public enum Reason {
        /** The line does not have the format's shape: field count, numbers, dates, flags. */
        MALFORMED,
        /** A rating outside 0.5..5, or not on the half-star grid. */
        RATING_OUT_OF_RANGE,
        /** A rating of a movie the movies file does not have. */
        UNKNOWN_MOVIE,
        /** A rating by a user the users file does not have (only where the format has users). */
        UNKNOWN_USER,
        /** A second movie or user line with an id already read; the first one wins. */
        DUPLICATE_ID
    }

    /** One line for a log: {@code u.data:17: MALFORMED: expected 4 fields, found 3 [1\t2\t3]}. */
    public String describe() {
        return file.getFileName() + ":" + line + ": " + reason + ": " + detail + " [" + abbreviate(raw) + "]";
    }

    private static String abbreviate(String text) {
        // a corrupt file can hold a megabyte on one "line": keep log lines readable
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
