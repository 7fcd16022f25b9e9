package dev.recsys.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The 19-genre vocabulary of ml-100k, and how the names other MovieLens releases use map onto it.
 * A genre's ordinal is its flag column in ml-100k's u.item.
 */
public final class Genres {
    public static final int COUNT = Genre.values().length;

    // ml-1m writes "Children's", ml-latest "Children"; ml-latest's "(no genres listed)" means none.
    // IMAX (ml-latest only) is a format, not a genre of the study's vocabulary: it maps to nothing.
    private static final Map<String, Genre> ALIASES = Map.ofEntries(
            Map.entry("unknown", Genre.UNKNOWN),
            Map.entry("(no genres listed)", Genre.UNKNOWN),
            Map.entry("action", Genre.ACTION),
            Map.entry("adventure", Genre.ADVENTURE),
            Map.entry("animation", Genre.ANIMATION),
            Map.entry("children's", Genre.CHILDRENS),
            Map.entry("children", Genre.CHILDRENS),
            Map.entry("comedy", Genre.COMEDY),
            Map.entry("crime", Genre.CRIME),
            Map.entry("documentary", Genre.DOCUMENTARY),
            Map.entry("drama", Genre.DRAMA),
            Map.entry("fantasy", Genre.FANTASY),
            Map.entry("film-noir", Genre.FILM_NOIR),
            Map.entry("horror", Genre.HORROR),
            Map.entry("musical", Genre.MUSICAL),
            Map.entry("mystery", Genre.MYSTERY),
            Map.entry("romance", Genre.ROMANCE),
            Map.entry("sci-fi", Genre.SCI_FI),
            Map.entry("thriller", Genre.THRILLER),
            Map.entry("war", Genre.WAR),
            Map.entry("western", Genre.WESTERN));

    private Genres() {
    }

    /** The genre a MovieLens genre name stands for, or null for a name outside the vocabulary (such as IMAX). */
    public static Genre fromName(String name) {
        return ALIASES.get(name.trim().toLowerCase(Locale.ROOT));
    }

    /** Genres of a pipe-separated name list as ml-1m and ml-latest write it; UNKNOWN alone when none is known. */
    public static List<Genre> fromNames(String pipeSeparated) {
        List<Genre> genres = new ArrayList<>();
        for (String name : pipeSeparated.split("\\|")) {
            Genre genre = fromName(name);
            if (genre != null && !genres.contains(genre)) {
                genres.add(genre);
            }
        }
        if (genres.size() > 1) {
            genres.remove(Genre.UNKNOWN);
        }
        if (genres.isEmpty()) {
            genres.add(Genre.UNKNOWN);
        }
        return genres;
    }

    /** Bit g set for each genre of ordinal g. */
    public static int mask(List<Genre> genres) {
        int mask = 0;
        for (Genre genre : genres) {
            mask |= 1 << genre.ordinal();
        }
        return mask;
    }

    /** The genres whose bits are set, in ordinal order. */
    public static List<Genre> fromMask(int mask) {
        List<Genre> genres = new ArrayList<>();
        for (Genre genre : Genre.values()) {
            if ((mask & (1 << genre.ordinal())) != 0) {
                genres.add(genre);
            }
        }
        return genres;
    }
}
