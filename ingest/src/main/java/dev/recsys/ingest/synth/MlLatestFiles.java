package dev.recsys.ingest.synth;

import dev.recsys.ingest.io.MlLatestLines;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.StringJoiner;
import java.util.function.LongConsumer;

/**
 * Writes a generated set in the layout of ml-latest and ml-25m, UTF-8 with headers: ratings.csv sorted by user, then
 * time (as ml-25m), streamed one user at a time so that 25 million ratings never sit in memory, and movies.csv
 * with titles quoted where they hold a comma or a quote. There is no users file, as in ml-latest.
 *
 * <p>The ratings are whole stars written as {@code 4.0}: the hidden taste model rounds to 1..5 stars, where
 * ml-latest has half stars from 0.5; the readers accept both.
 */
final class MlLatestFiles {
    // ml-latest's genre names, in Genre ordinal order: "Children" where ml-100k writes "Children's"
    private static final String[] GENRE_NAMES = {"(no genres listed)", "Action", "Adventure", "Animation",
        "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery",
        "Romance", "Sci-Fi", "Thriller", "War", "Western"};

    private MlLatestFiles() {
    }

    /** Generates and writes; {@code progress} hears the ratings written so far after each user. */
    static SyntheticWorld write(Path dir, Generator generator, LongConsumer progress) throws IOException {
        SyntheticWorld world;
        try (Writer out = SyntheticMovieLens.writer(dir.resolve("ratings.csv"), StandardCharsets.UTF_8)) {
            out.append(MlLatestLines.RATINGS_HEADER).append('\n');
            StringBuilder lines = new StringBuilder(1 << 12);
            long[] written = {0};
            world = generator.generate((u, movies, stars, seconds) -> {
                lines.setLength(0);
                for (int j = 0; j < movies.length; j++) {
                    lines.append(u + 1).append(',').append(movies[j] + 1).append(',').append(stars[j]).append(".0,")
                            .append(seconds[j]).append('\n');
                }
                out.append(lines);
                written[0] += movies.length;
                progress.accept(written[0]);
            });
        }
        writeMovies(dir.resolve("movies.csv"), world);
        return world;
    }

    private static void writeMovies(Path file, SyntheticWorld world) throws IOException {
        try (Writer out = SyntheticMovieLens.writer(file, StandardCharsets.UTF_8)) {
            out.append(MlLatestLines.MOVIES_HEADER).append('\n');
            for (int m = 0; m < world.movies(); m++) {
                StringJoiner genres = new StringJoiner("|");
                for (int g : world.movieGenres()[m]) {
                    genres.add(GENRE_NAMES[g]);
                }
                out.append(String.valueOf(m + 1)).append(',').append(csvField(world.title(m))).append(',')
                        .append(genres.toString()).append('\n');
            }
        }
    }

    /** RFC 4180, as ml-latest writes it: quoted when it holds a comma or a quote, a quote inside doubled. */
    static String csvField(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
