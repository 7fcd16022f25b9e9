package dev.recsys.ingest.synth;

import dev.recsys.ingest.config.Option;
import dev.recsys.ingest.config.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What {@code ingest synth} writes: where, how big, from which seed. */
public record SynthConfig(Path out, int users, int movies, int ratings, long seed) {

    public static final Option OUT = new Option("--out", "INGEST_SYNTH_OUT", "DIR", "directory to write (required)");
    public static final Option USERS = new Option("--users", "INGEST_SYNTH_USERS", "U",
            "users (default " + SyntheticMovieLens.DEFAULT_USERS + ")");
    public static final Option MOVIES = new Option("--movies", "INGEST_SYNTH_MOVIES", "M",
            "movies (default " + SyntheticMovieLens.DEFAULT_MOVIES + ")");
    public static final Option RATINGS = new Option("--ratings", "INGEST_SYNTH_RATINGS", "R",
            "ratings, at least 20 per user (default " + SyntheticMovieLens.DEFAULT_RATINGS + ")");
    public static final Option SEED = new Option("--seed", "INGEST_SYNTH_SEED", "S",
            "random seed: the same seed writes the same bytes (default " + SyntheticMovieLens.DEFAULT_SEED + ")");
    public static final List<Option> OPTIONS = List.of(OUT, USERS, MOVIES, RATINGS, SEED);

    /** @throws IllegalArgumentException naming the setting, for a missing output directory or a bad number */
    public static SynthConfig fromEnv(Map<String, String> env) {
        Settings settings = new Settings(env);
        String out = settings.get(OUT);
        if (out == null) {
            throw new IllegalArgumentException(OUT.label() + " is required");
        }
        return new SynthConfig(Path.of(out),
                (int) settings.whole(USERS, SyntheticMovieLens.DEFAULT_USERS, 1, Integer.MAX_VALUE),
                (int) settings.whole(MOVIES, SyntheticMovieLens.DEFAULT_MOVIES, 1, Integer.MAX_VALUE),
                (int) settings.whole(RATINGS, SyntheticMovieLens.DEFAULT_RATINGS, 1, Integer.MAX_VALUE),
                settings.whole(SEED, SyntheticMovieLens.DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE));
    }
}
