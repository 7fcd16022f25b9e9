package dev.recsys.ingest.io;

import dev.recsys.schemas.Genre;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.User;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** ml-100k: tab-separated u.data, pipe-separated u.item (with 19 genre flags) and u.user. */
final class Ml100kLines {
    static final int GENRE_COLUMN = 5;
    static final int ITEM_FIELDS = GENRE_COLUMN + Genre.values().length;

    // u.item writes 01-Jan-1995, and sometimes 4-Feb-1971
    static final DateTimeFormatter RELEASE_DATE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("d-MMM-uuuu")
            .toFormatter(Locale.ENGLISH)
            .withResolverStyle(ResolverStyle.STRICT);

    private Ml100kLines() {
    }

    static RatingEvent rating(String line, long number, String source) throws BadLineException {
        String[] f = Fields.split(line, "\t", 4);
        return new RatingEvent(Fields.id(f[0], "user id"), Fields.id(f[1], "movie id"), Fields.rating(f[2]),
                Instant.ofEpochMilli(Fields.epochSecondsToMillis(f[3])), source, number);
    }

    static Movie movie(String line) throws BadLineException {
        String[] f = Fields.split(line, "|", ITEM_FIELDS);
        int id = Fields.id(f[0], "movie id");
        LocalDate released = releaseDate(f[2]);
        List<Genre> genres = new ArrayList<>(3);
        Genre[] all = Genre.values();
        for (int g = 0; g < all.length; g++) {
            String flag = f[GENRE_COLUMN + g].trim();
            if (flag.equals("1")) {
                genres.add(all[g]);
            } else if (!flag.equals("0")) {
                throw BadLineException.malformed("genre flag " + all[g] + " is '" + flag + "', not 0 or 1");
            }
        }
        if (genres.isEmpty()) {
            genres.add(Genre.UNKNOWN);
        }
        return new Movie(id, f[1].trim(), released, genres);
    }

    private static LocalDate releaseDate(String text) throws BadLineException {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(trimmed, RELEASE_DATE);
        } catch (DateTimeParseException e) {
            throw BadLineException.malformed("release date '" + trimmed + "' is not like 01-Jan-1995");
        }
    }

    static User user(String line) throws BadLineException {
        String[] f = Fields.split(line, "|", 5);
        String age = LineParsers.blankToNull(f[1]);
        return new User(Fields.id(f[0], "user id"), age == null ? null : Fields.number(age, "age"),
                LineParsers.blankToNull(f[2]), LineParsers.blankToNull(f[3]), LineParsers.blankToNull(f[4]));
    }
}
