package dev.recsys.app.eval;

import dev.recsys.ingest.io.BadRecord;
import dev.recsys.ingest.io.ErrorSink;
import dev.recsys.ingest.io.MovieLensReader;
import dev.recsys.model.RatingData;
import dev.recsys.schemas.Genres;
import dev.recsys.schemas.Movie;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Train, validation and test ratings of one evaluation, and the movies' genre masks.
 * The validation slice is carved from the training part (seeded), so the test part is never used to choose.
 */
public record DataSplit(RatingData train, RatingData validation, RatingData test, Map<Integer, Integer> genreMasks) {
    private static final Logger LOG = LoggerFactory.getLogger(DataSplit.class);

    public static DataSplit load(Path dir, String split, double validationFraction, long seed) {
        ErrorSink errors = DataSplit::logBadLine;
        RatingData trainAll;
        RatingData test;
        if (split.startsWith("random:")) {
            double testFraction = Double.parseDouble(split.substring("random:".length()));
            RatingData all = RatingData.from(MovieLensReader.readUData(require(dir, "u.data"), errors));
            RatingData[] parts = partition(all, testFraction, seed);
            trainAll = parts[0];
            test = parts[1];
        } else {
            trainAll = RatingData.from(MovieLensReader.readUData(require(dir, split + ".base"), errors));
            test = RatingData.from(MovieLensReader.readUData(require(dir, split + ".test"), errors));
        }
        // a different stream from the split's, so that random:F and the validation slice do not correlate
        RatingData[] trainParts = partition(trainAll, validationFraction, seed * 31 + 17);
        return new DataSplit(trainParts[0], trainParts[1], test, genreMasks(dir, errors));
    }

    /** {kept, heldOut}: each rating goes to heldOut with probability fraction, seeded. */
    static RatingData[] partition(RatingData data, double fraction, long seed) {
        Random random = new Random(seed);
        RatingData kept = new RatingData(data.size());
        RatingData heldOut = new RatingData((int) (data.size() * fraction) + 16);
        for (int i = 0; i < data.size(); i++) {
            (random.nextDouble() < fraction ? heldOut : kept).add(data.userId(i), data.movieId(i), data.rating(i));
        }
        return new RatingData[] {kept, heldOut};
    }

    private static Map<Integer, Integer> genreMasks(Path dir, ErrorSink errors) {
        List<Movie> movies = MovieLensReader.open(dir).movies(errors);
        Map<Integer, Integer> masks = new HashMap<>(movies.size() * 2);
        for (Movie movie : movies) {
            masks.put(movie.getMovieId(), Genres.mask(movie.getGenres()));
        }
        return masks;
    }

    private static Path require(Path dir, String file) {
        Path path = dir.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no " + file + " in " + dir);
        }
        return path;
    }

    private static void logBadLine(BadRecord bad) {
        LOG.warn("skipped {}", bad.describe());
    }
}
