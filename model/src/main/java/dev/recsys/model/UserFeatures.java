package dev.recsys.model;

import dev.recsys.schemas.User;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A user's demographics as model input: age band, gender and occupation, one-hot (all zero where unknown).
 * The model keeps these vectors in a frozen table beside the user embedding, so they travel inside the payload
 * and scoring needs nothing but the model.
 */
public final class UserFeatures {
    /** Upper bounds (exclusive) of the age bands; ml-1m's bands, which ml-100k's ages fall into too. */
    private static final int[] AGE_BANDS = {18, 25, 35, 45, 50, 56, Integer.MAX_VALUE};
    /** ml-100k's u.occupation. */
    private static final List<String> OCCUPATIONS = List.of("administrator", "artist", "doctor", "educator",
            "engineer", "entertainment", "executive", "healthcare", "homemaker", "lawyer", "librarian", "marketing",
            "none", "other", "programmer", "retired", "salesman", "scientist", "student", "technician", "writer");
    /** ml-1m's occupation codes, mapped to the nearest ml-100k occupation. */
    private static final Map<String, String> ML_1M_CODES = Map.ofEntries(
            Map.entry("0", "other"), Map.entry("1", "educator"), Map.entry("2", "artist"),
            Map.entry("3", "administrator"), Map.entry("4", "student"), Map.entry("5", "other"),
            Map.entry("6", "healthcare"), Map.entry("7", "executive"), Map.entry("8", "other"),
            Map.entry("9", "homemaker"), Map.entry("10", "student"), Map.entry("11", "lawyer"),
            Map.entry("12", "programmer"), Map.entry("13", "retired"), Map.entry("14", "marketing"),
            Map.entry("15", "scientist"), Map.entry("16", "other"), Map.entry("17", "technician"),
            Map.entry("18", "other"), Map.entry("19", "none"), Map.entry("20", "writer"));

    private static final int GENDER_OFFSET = AGE_BANDS.length;
    private static final int OCCUPATION_OFFSET = GENDER_OFFSET + 2;
    public static final int WIDTH = OCCUPATION_OFFSET + OCCUPATIONS.size();

    private UserFeatures() {
    }

    /** Writes the user's features into out[offset .. offset + WIDTH); a null user writes zeros. */
    public static void write(User user, float[] out, int offset) {
        java.util.Arrays.fill(out, offset, offset + WIDTH, 0f);
        if (user == null) {
            return;
        }
        if (user.getAge() != null && user.getAge() > 0) {
            int band = 0;
            while (user.getAge() >= AGE_BANDS[band]) {
                band++;
            }
            out[offset + band] = 1f;
        }
        String gender = user.getGender() == null ? "" : user.getGender().trim().toUpperCase(Locale.ROOT);
        if (gender.equals("M")) {
            out[offset + GENDER_OFFSET] = 1f;
        } else if (gender.equals("F")) {
            out[offset + GENDER_OFFSET + 1] = 1f;
        }
        if (user.getOccupation() != null) {
            String name = user.getOccupation().trim().toLowerCase(Locale.ROOT);
            int index = OCCUPATIONS.indexOf(ML_1M_CODES.getOrDefault(name, name));
            if (index >= 0) {
                out[offset + OCCUPATION_OFFSET + index] = 1f;
            }
        }
    }

    public static float[] of(User user) {
        float[] out = new float[WIDTH];
        write(user, out, 0);
        return out;
    }
}
