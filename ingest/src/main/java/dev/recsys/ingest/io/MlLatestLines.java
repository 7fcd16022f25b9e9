package dev.recsys.ingest.io;

import dev.recsys.schemas.Genres;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import java.time.Instant;
import java.util.List;

/** ml-latest, ml-latest-small and ml-25m: ratings.csv and movies.csv, UTF-8, with headers; no users file. */
public final class MlLatestLines {
    /** The first lines of ratings.csv and movies.csv, which the synthetic generator writes too. */
    public static final String RATINGS_HEADER = "userId,movieId,rating,timestamp";
    public static final String MOVIES_HEADER = "movieId,title,genres";

    private MlLatestLines() {
    }

    static RatingEvent rating(String line, long number, String source) throws BadLineException {
        // ratings.csv has no quoted fields: a plain split keeps 25 million lines fast
        String[] f = Fields.split(line, ",", 4);
        return new RatingEvent(Fields.id(f[0], "user id"), Fields.id(f[1], "movie id"), Fields.rating(f[2]),
                Instant.ofEpochMilli(Fields.epochSecondsToMillis(f[3])), source, number);
    }

    static Movie movie(String line) throws BadLineException {
        List<String> f = Csv.parse(line);
        if (f.size() != 3) {
            throw BadLineException.malformed("expected 3 comma-separated fields (movieId,title,genres), found "
                    + f.size());
        }
        String title = f.get(1).trim();
        if (title.isEmpty()) {
            throw BadLineException.malformed("the title is empty");
        }
        return new Movie(Fields.id(f.get(0), "movie id"), title, null, Genres.fromNames(f.get(2)));
    }
}
