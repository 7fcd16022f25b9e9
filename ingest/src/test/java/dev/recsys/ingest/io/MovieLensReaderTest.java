package dev.recsys.ingest.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recsys.ingest.io.BadRecord.Reason;
import dev.recsys.schemas.Genre;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.User;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensReaderTest {
    private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;

    @TempDir
    Path dir;

    private final List<BadRecord> bad = new ArrayList<>();
    private final ErrorSink errors = bad::add;

    @Test
    void readsMl100kWithLatin1TitlesDatesAndGenreFlags() throws IOException {
        write("u.item", LATIN_1,
                "1|Toy Story (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0",
                "2|Café Society (1995)|4-Feb-1971||http://x|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0",
                "3|unknown||||1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0",
                "4|Too Few Fields|01-Jan-1995||",
                "5|Bad Flag (1990)|01-Jan-1990||http://x|0|0|0|0|0|0|0|0|2|0|0|0|0|0|0|0|0|0|0",
                "6|Bad Date (1990)|31-Feb-1990||http://x|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0",
                "1|Duplicate (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0");
        write("u.user", LATIN_1, "1|24|M|technician|85711", "2|53|F|other|T8H1N");
        write("u.data", LATIN_1, "1\t1\t5\t881250949", "2\t2\t3\t881250950", "1\t3\t1\t881250951");
        MovieLensReader reader = MovieLensReader.open(dir);

        List<Movie> movies = reader.movies(errors);

        assertThat(reader.format()).isEqualTo("ml-100k");
        assertThat(movies).extracting(Movie::getMovieId).containsExactly(1, 2, 3);
        assertThat(movies.get(0).getGenres()).containsExactly(Genre.ANIMATION, Genre.CHILDRENS, Genre.COMEDY);
        assertThat(movies.get(0).getReleaseDate()).isEqualTo(LocalDate.of(1995, 1, 1));
        assertThat(movies.get(1).getTitle()).isEqualTo("Café Society (1995)");
        assertThat(movies.get(1).getReleaseDate()).isEqualTo(LocalDate.of(1971, 2, 4));
        assertThat(movies.get(2).getReleaseDate()).isNull();
        assertThat(movies.get(2).getGenres()).containsExactly(Genre.UNKNOWN);
        assertThat(bad).extracting(BadRecord::line).containsExactly(4L, 5L, 6L, 7L);
        assertThat(bad).extracting(BadRecord::reason)
                .containsExactly(Reason.MALFORMED, Reason.MALFORMED, Reason.MALFORMED, Reason.DUPLICATE_ID);
        assertThat(bad.get(0).detail()).contains("expected 24 pipe-separated fields, found 5");
        assertThat(bad.get(0).file()).isEqualTo(dir.resolve("u.item"));

        assertThat(reader.users(errors)).containsExactly(
                new User(1, 24, "M", "technician", "85711"), new User(2, 53, "F", "other", "T8H1N"));
    }

    @Test
    void streamsMl100kRatingsInFileOrderAndReportsEachKindOfBadLine() throws IOException {
        write("u.item", LATIN_1,
                "1|A (1995)|01-Jan-1995||u|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0",
                "2|B (1995)|01-Jan-1995||u|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0");
        write("u.user", LATIN_1, "1|24|M|technician|85711", "2|53|F|other|94043");
        write("u.data", LATIN_1,
                "2\t1\t4\t881250950",
                "1\t2\t5\t881250949",
                "1\t2\t5",
                "1\tx\t5\t881250949",
                "",
                "1\t1\t6\t881250949",
                "1\t99\t3\t881250949",
                "77\t1\t3\t881250949",
                "1\t1\t1\t881250999");
        List<RatingEvent> events = new ArrayList<>();

        MovieLensReader.open(dir).ratings(events::add, errors);

        assertThat(events).containsExactly(
                new RatingEvent(2, 1, 4f, Instant.ofEpochSecond(881250950), "ml-100k/u.data", 1L),
                new RatingEvent(1, 2, 5f, Instant.ofEpochSecond(881250949), "ml-100k/u.data", 2L),
                new RatingEvent(1, 1, 1f, Instant.ofEpochSecond(881250999), "ml-100k/u.data", 9L));
        assertThat(bad).extracting(BadRecord::line).containsExactly(3L, 4L, 6L, 7L, 8L);
        assertThat(bad).extracting(BadRecord::reason).containsExactly(Reason.MALFORMED, Reason.MALFORMED,
                Reason.RATING_OUT_OF_RANGE, Reason.UNKNOWN_MOVIE, Reason.UNKNOWN_USER);
        assertThat(bad.get(1).detail()).isEqualTo("movie id 'x' is not a whole number");
        assertThat(bad.get(3).raw()).isEqualTo("1\t99\t3\t881250949");
        assertThat(bad.get(3).describe()).isEqualTo("u.data:7: UNKNOWN_MOVIE: movie 99 is not in u.item [1\t99\t3\t881250949]");
    }

    @Test
    void readsMl1mWithGenreNamesAndLatin1() throws IOException {
        write("movies.dat", LATIN_1,
                "1::Toy Story (1995)::Animation|Children's|Comedy",
                "2::Café au lait (1993)::Drama|IMAX",
                "3::Nothing Known (1990)::",
                "4 no separators");
        write("users.dat", LATIN_1, "1::F::1::10::48067", "2::M::56::16::70072");
        write("ratings.dat", LATIN_1, "1::1::5::978300760", "2::3::3::978302109", "1::2::0::978300760",
                "3::1::4::978300760");
        MovieLensReader reader = MovieLensReader.open(dir);
        List<RatingEvent> events = new ArrayList<>();

        List<Movie> movies = reader.movies(errors);
        List<User> users = reader.users(errors);
        reader.ratings(events::add, errors);

        assertThat(reader.format()).isEqualTo("ml-1m");
        assertThat(movies).containsExactly(
                new Movie(1, "Toy Story (1995)", null, List.of(Genre.ANIMATION, Genre.CHILDRENS, Genre.COMEDY)),
                new Movie(2, "Café au lait (1993)", null, List.of(Genre.DRAMA)),
                new Movie(3, "Nothing Known (1990)", null, List.of(Genre.UNKNOWN)));
        assertThat(users).containsExactly(new User(1, 1, "F", "10", "48067"), new User(2, 56, "M", "16", "70072"));
        assertThat(events).containsExactly(
                new RatingEvent(1, 1, 5f, Instant.ofEpochSecond(978300760), "ml-1m/ratings.dat", 1L),
                new RatingEvent(2, 3, 3f, Instant.ofEpochSecond(978302109), "ml-1m/ratings.dat", 2L));
        assertThat(bad).extracting(BadRecord::reason)
                .containsExactly(Reason.MALFORMED, Reason.RATING_OUT_OF_RANGE, Reason.UNKNOWN_USER);
        assertThat(bad).extracting(b -> b.file().getFileName().toString() + ":" + b.line())
                .containsExactly("movies.dat:4", "ratings.dat:3", "ratings.dat:4");
    }

    @Test
    void readsMlLatestCsvWithQuotedTitlesHalfStarsAndNoUsers() throws IOException {
        write("movies.csv", StandardCharsets.UTF_8,
                "movieId,title,genres",
                "1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy",
                "2,\"Shawshank Redemption, The (1994)\",Crime|Drama",
                "3,\"Bicycle Thief, The \"\"Ladri di biciclette\"\" (1948)\",Drama",
                "4,Café (2011),(no genres listed)",
                "5,\"Unclosed, The (1999),Drama",
                "6,Two Fields Only");
        write("ratings.csv", StandardCharsets.UTF_8,
                "userId,movieId,rating,timestamp",
                "1,2,3.5,1112486027",
                "1,3,0.5,1112484676",
                "2,4,5.0,1112484819",
                "2,1,5.5,1112484727",
                "2,1,2.25,1112484727",
                "3,5,4.0,1112484727");
        MovieLensReader reader = MovieLensReader.open(dir);
        List<RatingEvent> events = new ArrayList<>();

        List<Movie> movies = reader.movies(errors);
        reader.ratings(events::add, errors);

        assertThat(reader.format()).isEqualTo("ml-latest");
        assertThat(reader.users(errors)).isEmpty();
        assertThat(movies).extracting(Movie::getTitle).containsExactly("Toy Story (1995)",
                "Shawshank Redemption, The (1994)", "Bicycle Thief, The \"Ladri di biciclette\" (1948)", "Café (2011)");
        assertThat(movies.get(0).getGenres()).containsExactly(Genre.ADVENTURE, Genre.ANIMATION, Genre.CHILDRENS,
                Genre.COMEDY, Genre.FANTASY);
        assertThat(movies.get(3).getGenres()).containsExactly(Genre.UNKNOWN);
        assertThat(events).extracting(RatingEvent::getRating).containsExactly(3.5f, 0.5f, 5.0f);
        assertThat(events).extracting(RatingEvent::getSequence).containsExactly(2L, 3L, 4L);
        assertThat(events.get(0).getSource()).isEqualTo("ml-latest/ratings.csv");
        assertThat(events.get(0).getEventTime()).isEqualTo(Instant.ofEpochSecond(1112486027));
        assertThat(bad).extracting(b -> b.file().getFileName() + ":" + b.line() + ":" + b.reason()).containsExactly(
                "movies.csv:6:MALFORMED", "movies.csv:7:MALFORMED",
                "ratings.csv:5:RATING_OUT_OF_RANGE", "ratings.csv:6:RATING_OUT_OF_RANGE",
                "ratings.csv:7:UNKNOWN_MOVIE");
    }

    @Test
    void failFastStopsAtTheFirstBadLineWithItsPosition() throws IOException {
        write("u.item", LATIN_1, "1|A (1995)|01-Jan-1995||u|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0");
        write("u.data", LATIN_1, "1\t1\t4\t881250950", "oops", "1\t1\t4\t881250950");
        List<RatingEvent> events = new ArrayList<>();

        assertThatThrownBy(() -> MovieLensReader.open(dir).ratings(events::add, ErrorSink.failFast()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("u.data:2: MALFORMED: expected 4 tab-separated fields, found 1 [oops]");
        assertThat(events).hasSize(1);
    }

    @Test
    void readsAnyUDataFileWithItsOwnSourceName() throws IOException {
        write("u1.base", LATIN_1, "1\t1\t4\t881250950", "2\t7\t2\t881250951");

        List<RatingEvent> events = MovieLensReader.readUData(dir.resolve("u1.base"), errors);

        assertThat(events).containsExactly(
                new RatingEvent(1, 1, 4f, Instant.ofEpochSecond(881250950), "ml-100k/u1.base", 1L),
                new RatingEvent(2, 7, 2f, Instant.ofEpochSecond(881250951), "ml-100k/u1.base", 2L));
        assertThat(bad).isEmpty();
    }

    @Test
    void refusesADirectoryWithoutMovieLensFilesNamingWhatItLookedFor() throws IOException {
        write("notes.txt", LATIN_1, "nothing here");

        assertThatThrownBy(() -> MovieLensReader.open(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("u.data + u.item (ml-100k)")
                .hasMessageContaining("ratings.dat + movies.dat (ml-1m)")
                .hasMessageContaining("ratings.csv + movies.csv (ml-latest)");
        assertThatThrownBy(() -> MovieLensReader.open(dir.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
    }

    private void write(String name, Charset charset, String... lines) throws IOException {
        Files.write(dir.resolve(name), List.of(lines), charset);
    }
}
