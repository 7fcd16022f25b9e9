package dev.recsys.trainer.training;

import java.util.Locale;

/** Numbers as the logs print them: fixed decimals, NaN as "n/a". */
final class Figures {
    private Figures() {
    }

    static String four(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }

    static String two(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }
}
