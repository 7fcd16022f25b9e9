package dev.recsys.streams;

import dev.recsys.ingest.io.ErrorSink;
import dev.recsys.ingest.io.MovieLensReader;
import dev.recsys.ingest.synth.SyntheticMovieLens;
import dev.recsys.model.HybridModel;
import dev.recsys.model.ModelCodec;
import dev.recsys.model.ModelConfig;
import dev.recsys.model.ModelTrainer;
import dev.recsys.model.RatingData;
import dev.recsys.schemas.Genres;
import dev.recsys.schemas.ModelUpdate;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A seeded synthetic MovieLens set and real DL4J models trained on it, for the topology tests and the IT. */
public record TestData(List<Movie> movies, List<RatingEvent> ratings) {

    public static TestData generate(Path dir, int users, int movies, int ratings, long seed) throws IOException {
        SyntheticMovieLens.write(dir, users, movies, ratings, seed);
        MovieLensReader reader = MovieLensReader.open(dir);
        List<RatingEvent> events = new ArrayList<>();
        reader.ratings(events::add, ErrorSink.failFast());
        return new TestData(reader.movies(ErrorSink.failFast()), List.copyOf(events));
    }

    public Map<Integer, Integer> genreMasks() {
        Map<Integer, Integer> masks = new HashMap<>();
        for (Movie movie : movies) {
            masks.put(movie.getMovieId(), Genres.mask(movie.getGenres()));
        }
        return masks;
    }

    public Map<Integer, Movie> moviesById() {
        Map<Integer, Movie> byId = new HashMap<>();
        movies.forEach(m -> byId.put(m.getMovieId(), m));
        return byId;
    }

    /** A real model: the project's trainer on these ratings, a few epochs. */
    public HybridModel train(List<RatingEvent> on, int epochs, long seed) {
        ModelConfig config = ModelConfig.defaults().withEpochs(epochs).withSeed(seed);
        return ModelTrainer.train(RatingData.from(on), null, genreMasks(), config, null, null);
    }

    public static ModelUpdate update(HybridModel model, long version, long ratingsSeen) {
        return ModelCodec.toUpdate(model, version, version > 1 ? version - 1 : null, List.of(), ratingsSeen,
                Map.of("val_mse", 0.9));
    }

    /**
     * A model update that describes a version without carrying weights (no streams app could load it): for what only
     * reads the description, such as the timeline of published versions.
     */
    public static ModelUpdate withoutWeights(long version, double valMse) {
        return ModelUpdate.newBuilder().setVersion(version).setCreatedAt(Instant.ofEpochSecond(version))
                .setTrainedThrough(List.of()).setRatingsSeen(1000 * version).setUserIds(List.of())
                .setMovieIds(List.of()).setMovieGenreMasks(List.of()).setMetrics(Map.of("val_mse", valMse))
                .setHyperparameters(Map.of()).setPayloadFormat("none").setPayload(ByteBuffer.allocate(0))
                .setSha256("").build();
    }
}
