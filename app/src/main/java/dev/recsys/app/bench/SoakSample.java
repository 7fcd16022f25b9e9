package dev.recsys.app.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the soak saw at one moment of its run.
 *
 * @param seconds          since the replay started
 * @param ratingsSent      ratings the replay has sent
 * @param ratingsProcessed ratings the streams app has committed (its group's offsets on {@code ratings})
 * @param lag              ratings in {@code ratings} past those offsets
 * @param heapAfterGc      heap bytes in use after the collection that preceded the sample
 * @param heapUsed         heap bytes in use just before it, garbage included
 * @param rss              the process' resident set in bytes; -1 where /proc/self/status does not exist
 * @param stateBytes       bytes of the streams state directory on disk
 * @param ratingLogBytes   heap bytes the trainer's rating log takes by its own count (growth by design)
 * @param gcMillis         how long that collection took
 * @param modelVersion     the model the streams app serves; -1 before the first
 * @param trainer          what the trainer is doing ({@code training}, {@code waiting}, ...)
 */
record SoakSample(double seconds, long ratingsSent, long ratingsProcessed, long lag, long heapAfterGc, long heapUsed,
                  long rss, long stateBytes, long ratingLogBytes, long gcMillis, long modelVersion, String trainer) {

    /** The heap after GC less the rating log: what should stay flat once warm. */
    long heapLessRatingLog() {
        return heapAfterGc - ratingLogBytes;
    }

    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seconds", Math.round(seconds * 10) / 10.0);
        out.put("ratings_sent", ratingsSent);
        out.put("ratings_processed", ratingsProcessed);
        out.put("lag", lag);
        out.put("heap_after_gc_bytes", heapAfterGc);
        out.put("heap_used_bytes", heapUsed);
        out.put("rss_bytes", rss < 0 ? null : rss);
        out.put("state_bytes", stateBytes);
        out.put("rating_log_bytes", ratingLogBytes);
        out.put("gc_ms", gcMillis);
        out.put("model_version", modelVersion < 0 ? null : modelVersion);
        out.put("trainer", trainer);
        return out;
    }
}
