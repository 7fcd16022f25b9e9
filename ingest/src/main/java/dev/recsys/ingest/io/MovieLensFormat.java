package dev.recsys.ingest.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One MovieLens release layout: its file names, charset, headers and line parsers.
 * The reader recognises a directory by the first format whose ratings and movies files are both there.
 */
record MovieLensFormat(String name, Charset charset, String ratingsFile, String moviesFile, String usersFile,
                       String ratingsHeader, String moviesHeader,
                       LineParsers.RatingParser ratings, LineParsers.MovieParser movies, LineParsers.UserParser users) {

    // Older releases are Latin-1 ("Café" is one byte 0xE9 there); ml-latest is UTF-8.
    static final MovieLensFormat ML_100K = new MovieLensFormat("ml-100k", StandardCharsets.ISO_8859_1,
            "u.data", "u.item", "u.user", null, null, Ml100kLines::rating, Ml100kLines::movie, Ml100kLines::user);
    static final MovieLensFormat ML_1M = new MovieLensFormat("ml-1m", StandardCharsets.ISO_8859_1,
            "ratings.dat", "movies.dat", "users.dat", null, null, Ml1mLines::rating, Ml1mLines::movie, Ml1mLines::user);
    static final MovieLensFormat ML_LATEST = new MovieLensFormat("ml-latest", StandardCharsets.UTF_8,
            "ratings.csv", "movies.csv", null, MlLatestLines.RATINGS_HEADER, MlLatestLines.MOVIES_HEADER,
            MlLatestLines::rating, MlLatestLines::movie, null);

    static final List<MovieLensFormat> ALL = List.of(ML_100K, ML_1M, ML_LATEST);

    boolean matches(Path dir) {
        return Files.isRegularFile(dir.resolve(ratingsFile)) && Files.isRegularFile(dir.resolve(moviesFile));
    }

    /** Whether this directory has demographics: the format defines a users file and it is present. */
    boolean hasUsers(Path dir) {
        return usersFile != null && Files.isRegularFile(dir.resolve(usersFile));
    }

    String describeFiles() {
        return ratingsFile + " + " + moviesFile + " (" + name + ")";
    }
}
