package dev.recsys.trainer;

import dev.recsys.ingest.io.ErrorSink;
import dev.recsys.ingest.io.MovieLensReader;
import dev.recsys.ingest.synth.SyntheticMovieLens;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A seeded synthetic MovieLens, written by the ingest generator and read back as events, as ingest would send them. */
public record SyntheticData(List<Movie> movies, List<RatingEvent> ratings) {

    public static SyntheticData generate(Path dir, int users, int movies, int ratings, long seed) throws IOException {
        SyntheticMovieLens.write(dir, users, movies, ratings, seed);
        MovieLensReader reader = MovieLensReader.open(dir);
        List<RatingEvent> events = new ArrayList<>();
        reader.ratings(events::add, ErrorSink.failFast());
        return new SyntheticData(reader.movies(ErrorSink.failFast()), List.copyOf(events));
    }
}
