package dev.recsys.ingest.synth;

import dev.recsys.schemas.Genre;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a generated set in ml-100k's layout: u.data (tab-separated, in timestamp order), u.item, u.user, u.genre
 * and u.info, Latin-1 like ml-100k (every character written is ASCII anyway).
 */
final class Ml100kFiles {
    private static final String[] GENRE_NAMES = {"unknown", "Action", "Adventure", "Animation", "Children's",
        "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance",
        "Sci-Fi", "Thriller", "War", "Western"};

    private Ml100kFiles() {
    }

    static void write(Path dir, SyntheticRatings data) throws IOException {
        writeData(dir.resolve("u.data"), data);
        writeItems(dir.resolve("u.item"), data.world());
        writeUsers(dir.resolve("u.user"), data.world());
        writeGenres(dir.resolve("u.genre"));
        try (Writer out = SyntheticMovieLens.writer(dir.resolve("u.info"), StandardCharsets.ISO_8859_1)) {
            out.write(data.users() + " users\n" + data.movies() + " items\n" + data.ratings() + " ratings\n");
        }
    }

    private static void writeData(Path file, SyntheticRatings data) throws IOException {
        try (Writer out = SyntheticMovieLens.writer(file, StandardCharsets.ISO_8859_1)) {
            StringBuilder line = new StringBuilder(32);
            for (int i = 0; i < data.ratings(); i++) {
                line.setLength(0);
                line.append(data.ratingUser()[i] + 1).append('\t').append(data.ratingMovie()[i] + 1).append('\t')
                        .append(data.ratingStars()[i]).append('\t').append(data.ratingSeconds()[i]).append('\n');
                out.append(line);
            }
        }
    }

    private static void writeItems(Path file, SyntheticWorld world) throws IOException {
        int genres = Genre.values().length;
        try (Writer out = SyntheticMovieLens.writer(file, StandardCharsets.ISO_8859_1)) {
            for (int m = 0; m < world.movies(); m++) {
                int year = world.movieYears()[m];
                StringBuilder line = new StringBuilder(80);
                line.append(m + 1).append('|').append(world.title(m)).append("|01-Jan-").append(year).append("||");
                boolean[] flags = new boolean[genres];
                for (int g : world.movieGenres()[m]) {
                    flags[g] = true;
                }
                for (boolean flag : flags) {
                    line.append('|').append(flag ? '1' : '0');
                }
                out.append(line).append('\n');
            }
        }
    }

    private static void writeUsers(Path file, SyntheticWorld world) throws IOException {
        try (Writer out = SyntheticMovieLens.writer(file, StandardCharsets.ISO_8859_1)) {
            for (int u = 0; u < world.users(); u++) {
                out.append(String.valueOf(u + 1)).append('|').append(String.valueOf(world.userAges()[u])).append('|')
                        .append(world.userMale()[u] ? 'M' : 'F').append('|').append(world.userOccupations()[u])
                        .append('|').append(String.format(Locale.ROOT, "%05d", world.userZips()[u])).append('\n');
            }
        }
    }

    private static void writeGenres(Path file) throws IOException {
        try (Writer out = SyntheticMovieLens.writer(file, StandardCharsets.ISO_8859_1)) {
            for (int g = 0; g < GENRE_NAMES.length; g++) {
                out.append(GENRE_NAMES[g]).append('|').append(String.valueOf(g)).append('\n');
            }
            out.append('\n');
        }
    }
}
