package dev.recsys.model;

import dev.recsys.schemas.Genre;
import dev.recsys.schemas.Genres;

/** The genre part of the model's input: one 0/1 flag per genre ordinal, from a genre bit mask. */
public final class GenreFeatures {
    public static final int WIDTH = Genres.COUNT;

    /** The mask used for a movie whose genres are unknown: UNKNOWN alone, as the readers produce it. */
    public static final int UNKNOWN_MASK = 1 << Genre.UNKNOWN.ordinal();

    private GenreFeatures() {
    }

    /** Writes the flags of mask into out[offset .. offset + WIDTH). */
    public static void write(int mask, float[] out, int offset) {
        for (int g = 0; g < WIDTH; g++) {
            out[offset + g] = (mask >>> g & 1) != 0 ? 1f : 0f;
        }
    }
}
