package dev.recsys.app.watch;

import dev.recsys.schemas.Recommendations;
import dev.recsys.schemas.RecommendedItem;
import java.util.Locale;

/** One update of a user's list as a block of text: a header line, then rank, score and title per item. */
public final class WatchFormat {
    private static final int TITLE_WIDTH = 60;

    private WatchFormat() {
    }

    public static String block(Recommendations r) {
        StringBuilder out = new StringBuilder();
        String model = r.getModelVersion() == null ? "no model yet" : "model v" + r.getModelVersion();
        out.append(String.format(Locale.ROOT, "== user %d | %s | %s | after rating %s#%s (event time %s) ==%n",
                r.getUserId(), model, r.getStrategy(), r.getTriggerSource(), r.getTriggerSequence(),
                r.getTriggerEventTime()));
        int rank = 1;
        for (RecommendedItem item : r.getItems()) {
            String title = item.getTitle() == null ? "(movie " + item.getMovieId() + ", no title yet)" : item.getTitle();
            if (title.length() > TITLE_WIDTH) {
                title = title.substring(0, TITLE_WIDTH - 3) + "...";
            }
            out.append(String.format(Locale.ROOT, "%4d. %5.2f  %s%n", rank++, item.getScore(), title));
        }
        if (r.getItems().isEmpty()) {
            out.append("      (nothing left to recommend)").append(System.lineSeparator());
        }
        return out.toString();
    }
}
