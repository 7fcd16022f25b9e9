package dev.recsys.ingest.io;

import dev.recsys.schemas.Genres;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.User;
import java.time.Instant;

/** ml-1m: {@code ::}-separated ratings.dat, movies.dat (genres by name) and users.dat (age band, occupation code). */
final class Ml1mLines {

    private Ml1mLines() {
    }

    static RatingEvent rating(String line, long number, String source) throws BadLineException {
        String[] f = Fields.split(line, "::", 4);
        return new RatingEvent(Fields.id(f[0], "user id"), Fields.id(f[1], "movie id"), Fields.rating(f[2]),
                Instant.ofEpochMilli(Fields.epochSecondsToMillis(f[3])), source, number);
    }

    static Movie movie(String line) throws BadLineException {
        // the id is before the first separator and the genres after the last, so a title may hold anything
        int first = line.indexOf("::");
        int last = line.lastIndexOf("::");
        if (first < 0 || first == last) {
            throw BadLineException.malformed("expected MovieID::Title::Genres");
        }
        String title = line.substring(first + 2, last).trim();
        if (title.isEmpty()) {
            throw BadLineException.malformed("the title is empty");
        }
        return new Movie(Fields.id(line.substring(0, first), "movie id"), title, null,
                Genres.fromNames(line.substring(last + 2)));
    }

    static User user(String line) throws BadLineException {
        String[] f = Fields.split(line, "::", 5);
        String age = LineParsers.blankToNull(f[2]);
        return new User(Fields.id(f[0], "user id"), age == null ? null : Fields.number(age, "age"),
                LineParsers.blankToNull(f[1]), LineParsers.blankToNull(f[3]), LineParsers.blankToNull(f[4]));
    }
}
