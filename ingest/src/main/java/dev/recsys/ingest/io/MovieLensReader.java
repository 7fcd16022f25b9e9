package dev.recsys.ingest.io;

import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads a MovieLens directory in whichever format its files show: ml-100k (u.data, u.item, u.user),
 * ml-1m (ratings.dat, movies.dat, users.dat), ml-latest / ml-25m (ratings.csv, movies.csv).
 *
 * <p>Ratings are streamed in file order, so ml-25m's 25 million lines never sit in memory here. Every line that
 * cannot be used goes to the caller's {@link ErrorSink} with its file and line number, and reading goes on:
 * malformed lines, ratings outside 0.5..5, ratings of movies missing from the movies file, ratings by users missing
 * from the users file (where the format has one), and repeated movie or user ids (the first wins).
 *
 * <p>A directory written by {@link dev.recsys.ingest.synth.SyntheticMovieLens} is read as ml-100k, with
 * {@code synthetic/u.data} as the events' source instead of {@code ml-100k/u.data}.
 */
public final class MovieLensReader {
    /** The file {@link dev.recsys.ingest.synth.SyntheticMovieLens} leaves beside its ml-100k files. */
    public static final String SYNTHETIC_MARKER = "synthetic.properties";

    private final Path dir;
    private final MovieLensFormat format;
    private final String sourcePrefix;

    private MovieLensReader(Path dir, MovieLensFormat format) {
        this.dir = dir;
        this.format = format;
        this.sourcePrefix = sourcePrefix(dir, format.name());
    }

    /** @throws IllegalArgumentException naming the directory and the files looked for, when no format matches */
    public static MovieLensReader open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("MovieLens data directory " + dir + " does not exist or is not a directory");
        }
        for (MovieLensFormat format : MovieLensFormat.ALL) {
            if (format.matches(dir)) {
                return new MovieLensReader(dir, format);
            }
        }
        throw new IllegalArgumentException("No MovieLens data in " + dir + ": looked for "
                + MovieLensFormat.ALL.stream().map(MovieLensFormat::describeFiles).collect(Collectors.joining(", ")));
    }

    /** {@code ml-100k}, {@code ml-1m} or {@code ml-latest}. */
    public String format() {
        return format.name();
    }

    public Path dir() {
        return dir;
    }

    /** Whether the directory was written by the synthetic generator. */
    public boolean synthetic() {
        return Files.isRegularFile(dir.resolve(SYNTHETIC_MARKER));
    }

    /** The {@link RatingEvent#getSource()} of this directory's ratings, such as {@code ml-100k/u.data}. */
    public String ratingsSource() {
        return sourcePrefix + "/" + format.ratingsFile();
    }

    public List<Movie> movies(ErrorSink errors) {
        List<Movie> movies = new ArrayList<>();
        BitSet seen = new BitSet();
        Path file = dir.resolve(format.moviesFile());
        LineSource.forEach(file, format.charset(), format.moviesHeader(), errors, (number, text) -> {
            Movie movie = format.movies().parse(text);
            requireFirst(seen, movie.getMovieId(), "movie");
            movies.add(movie);
        });
        return movies;
    }

    /** The users, or an empty list where the format (ml-latest) or the directory has no users file. */
    public List<User> users(ErrorSink errors) {
        if (!format.hasUsers(dir)) {
            return List.of();
        }
        List<User> users = new ArrayList<>();
        BitSet seen = new BitSet();
        Path file = dir.resolve(format.usersFile());
        LineSource.forEach(file, format.charset(), null, errors, (number, text) -> {
            User user = format.users().parse(text);
            requireFirst(seen, user.getUserId(), "user");
            users.add(user);
        });
        return users;
    }

    /**
     * Streams the ratings in file order. Movie (and user) ids are checked against the movies (and users) file,
     * which is read again, silently, for that: its own bad lines are reported by {@link #movies}.
     */
    public void ratings(Consumer<RatingEvent> sink, ErrorSink errors) {
        BitSet movieIds = ids(movies(ErrorSink.ignore()).stream().mapToInt(Movie::getMovieId).toArray());
        BitSet userIds = format.hasUsers(dir)
                ? ids(users(ErrorSink.ignore()).stream().mapToInt(User::getUserId).toArray())
                : null;
        String source = ratingsSource();
        Path file = dir.resolve(format.ratingsFile());
        LineSource.forEach(file, format.charset(), format.ratingsHeader(), errors, (number, text) -> {
            RatingEvent event = format.ratings().parse(text, number, source);
            if (!movieIds.get(event.getMovieId())) {
                throw new BadLineException(BadRecord.Reason.UNKNOWN_MOVIE,
                        "movie " + event.getMovieId() + " is not in " + format.moviesFile());
            }
            if (userIds != null && !userIds.get(event.getUserId())) {
                throw new BadLineException(BadRecord.Reason.UNKNOWN_USER,
                        "user " + event.getUserId() + " is not in " + format.usersFile());
            }
            sink.accept(event);
        });
    }

    /**
     * Reads any file in u.data format (u.data, u1.base, u1.test, ...): tab-separated user, item, rating, timestamp.
     * No movie or user checks: the file stands alone. Events carry source {@code ml-100k/<file name>}
     * ({@code synthetic/...} beside a synthetic marker) and their line number as sequence.
     */
    public static List<RatingEvent> readUData(Path file, ErrorSink errors) {
        Path parent = file.toAbsolutePath().getParent();
        String source = sourcePrefix(parent, MovieLensFormat.ML_100K.name()) + "/" + file.getFileName();
        List<RatingEvent> events = new ArrayList<>();
        LineSource.forEach(file, MovieLensFormat.ML_100K.charset(), null, errors,
                (number, text) -> events.add(Ml100kLines.rating(text, number, source)));
        return events;
    }

    private static String sourcePrefix(Path dir, String formatName) {
        return dir != null && Files.isRegularFile(dir.resolve(SYNTHETIC_MARKER)) ? "synthetic" : formatName;
    }

    private static void requireFirst(BitSet seen, int id, String what) throws BadLineException {
        if (seen.get(id)) {
            throw new BadLineException(BadRecord.Reason.DUPLICATE_ID, what + " " + id + " appeared on an earlier line");
        }
        seen.set(id);
    }

    private static BitSet ids(int[] ids) {
        BitSet set = new BitSet();
        for (int id : ids) {
            set.set(id);
        }
        return set;
    }
}
