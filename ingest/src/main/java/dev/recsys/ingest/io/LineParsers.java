package dev.recsys.ingest.io;

import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.User;

/** How one line of a movies, users or ratings file becomes a record; each format supplies one of each. */
final class LineParsers {

    private LineParsers() {
    }

    @FunctionalInterface
    interface MovieParser {
        Movie parse(String line) throws BadLineException;
    }

    @FunctionalInterface
    interface UserParser {
        User parse(String line) throws BadLineException;
    }

    @FunctionalInterface
    interface RatingParser {
        RatingEvent parse(String line, long lineNumber, String source) throws BadLineException;
    }

    static String blankToNull(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
