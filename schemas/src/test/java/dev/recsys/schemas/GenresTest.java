package dev.recsys.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GenresTest {

    @Test
    void theVocabularyIsUGenreInOrder() {
        // ml-100k's u.genre, in file order: a genre's ordinal is its flag column in u.item
        List<String> uGenre = List.of("unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
                "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
                "Thriller", "War", "Western");

        assertThat(Genres.COUNT).isEqualTo(19);
        for (int column = 0; column < uGenre.size(); column++) {
            assertThat(Genres.fromName(uGenre.get(column)).ordinal()).as(uGenre.get(column)).isEqualTo(column);
        }
    }

    @Test
    void otherReleasesNamesMapOntoTheVocabulary() {
        assertThat(Genres.fromNames("Children|Sci-Fi|IMAX")).containsExactly(Genre.CHILDRENS, Genre.SCI_FI);
        assertThat(Genres.fromNames("(no genres listed)")).containsExactly(Genre.UNKNOWN);
        assertThat(Genres.fromNames("IMAX")).containsExactly(Genre.UNKNOWN);
        assertThat(Genres.fromNames("Drama|Drama| drama ")).containsExactly(Genre.DRAMA);
        assertThat(Genres.fromName("Bollywood")).isNull();
    }

    @Test
    void masksRoundTrip() {
        List<Genre> genres = List.of(Genre.ACTION, Genre.FILM_NOIR, Genre.WESTERN);

        int mask = Genres.mask(genres);

        assertThat(mask).isEqualTo((1 << 1) | (1 << 10) | (1 << 18));
        assertThat(Genres.fromMask(mask)).containsExactlyElementsOf(genres);
        assertThat(Genres.fromMask(0)).isEmpty();
    }
}
