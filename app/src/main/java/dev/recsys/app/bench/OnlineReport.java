package dev.recsys.app.bench;

import dev.recsys.app.bench.OnlineHitRate.Figures;
import dev.recsys.app.bench.OnlineHitRate.Tally;
import dev.recsys.schemas.Strategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;

/** The figures of {@code bench online}: a table for a person, a flat map for {@link BenchFigures} and JSON. */
final class OnlineReport {
    private static final String ROW = "  %-38s %9s %8s %11s %11s %11s %6s";

    /**
     * What the run was besides the hit counts.
     *
     * @param data          "synthetic" or the data directory
     * @param sent          ratings the replay sent
     * @param lists         lists read from the topic
     * @param modelVersions the model versions seen in the lists
     * @param seconds       the whole run, start-up included
     * @param streamSeconds from the replay's start until the last list was read (or the wait gave up)
     * @param complete      whether every rating had its list
     */
    record Run(String data, double rate, long sent, long lists, SortedSet<Long> modelVersions, double seconds,
               double streamSeconds, boolean complete) {
    }

    private OnlineReport() {
    }

    static List<String> table(Figures figures, Run run) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Online hit rate at %d: %s, %,d ratings at %,.0f/s", OnlineHitRate.K,
                run.data().equals("synthetic") ? "synthetic MovieLens 100k" : run.data(), run.sent(), run.rate()));
        lines.add(String.format(Locale.ROOT, ROW, "checked against the list before", "ratings", "hits",
                "hit rate", "chart hits", "chart rate", "lift"));
        lines.add(row("every list", figures.all()));
        lines.add(row("  lists by a model", figures.strategy(Strategy.MODEL)));
        lines.add(row("  lists by popularity (before a model)", figures.strategy(Strategy.POPULARITY)));
        figures.byModelVersion().forEach((version, tally) -> lines.add(row("    model version " + version, tally)));
        lines.add("  (chart: the most-rated movies the user had not rated, as they stood at the user's previous"
                + " rating)");
        lines.add(String.format(Locale.ROOT, "  counted %,d = %,d ratings read back, less %,d first ratings of a user,"
                        + " less %,d whose previous list is missing", figures.all().ratings(), figures.ratings(),
                figures.firstRatings(), figures.unanswered()));
        lines.add(String.format(Locale.ROOT, "  ratings sent %,d; lists read %,d; model versions seen %d%s",
                run.sent(), run.lists(), run.modelVersions().size(), run.modelVersions().isEmpty() ? ""
                        : " (" + run.modelVersions().first() + ".." + run.modelVersions().last() + ")"));
        lines.add(String.format(Locale.ROOT, "  %.0f s in all; %.0f s from the replay's start to the last list read%s",
                run.seconds(), run.streamSeconds(), run.complete() ? "" : " (INCOMPLETE: lists missing)"));
        return lines;
    }

    private static String row(String name, Tally tally) {
        return String.format(Locale.ROOT, ROW, name, count(tally.ratings()), count(tally.hits()),
                rate(tally.hitRate()), count(tally.chartHits()), rate(tally.chartHitRate()), ratio(tally.lift()));
    }

    /** The figures under the names {@code --json} writes. */
    static Map<String, Object> figures(Figures figures, Run run) {
        Tally all = figures.all();
        Tally model = figures.strategy(Strategy.MODEL);
        Tally popularity = figures.strategy(Strategy.POPULARITY);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ratings", figures.ratings());
        out.put("counted", all.ratings());
        out.put("hits", all.hits());
        out.put("hit_rate_at_10", round(all.hitRate()));
        out.put("hits_popularity", all.chartHits());
        out.put("hit_rate_at_10_popularity", round(all.chartHitRate()));
        out.put("lift", round(all.lift()));
        out.put("hit_rate_at_10_model_lists", round(model.hitRate()));
        out.put("hits_model_lists", model.hits());
        out.put("model_lists", model.ratings());
        out.put("hit_rate_at_10_popularity_lists", round(popularity.hitRate()));
        out.put("hits_popularity_lists", popularity.hits());
        out.put("popularity_lists", popularity.ratings());
        // the baseline on the very ratings the model lists were checked on: the model's own lift
        out.put("hit_rate_at_10_popularity_on_model_lists", round(model.chartHitRate()));
        out.put("lift_model_lists", round(model.lift()));
        out.put("model_versions", run.modelVersions().size());
        Map<String, Object> byVersion = new LinkedHashMap<>();
        figures.byModelVersion().forEach((version, tally) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("counted", tally.ratings());
            one.put("hits", tally.hits());
            one.put("hit_rate_at_10", round(tally.hitRate()));
            one.put("hit_rate_at_10_popularity", round(tally.chartHitRate()));
            byVersion.put(Long.toString(version), one);
        });
        out.put("by_model_version", byVersion);
        out.put("first_ratings", figures.firstRatings());
        out.put("unanswered", figures.unanswered());
        out.put("ratings_sent", run.sent());
        out.put("lists_read", run.lists());
        out.put("complete", run.complete());
        out.put("rate", run.rate());
        out.put("data", run.data());
        out.put("seconds", Math.round(run.seconds() * 10) / 10.0);
        out.put("stream_seconds", Math.round(run.streamSeconds() * 10) / 10.0);
        return out;
    }

    /** Four decimals; null for an undefined figure (JSON has no NaN). */
    private static Double round(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : Math.round(value * 10_000) / 10_000.0;
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String rate(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }
}
