package dev.recsys.ingest.replay;

/** What a replay does with a bad input line: count it and go on, or stop. */
public enum OnError {
    /** Count and report it, send everything else, summarise at the end. */
    SKIP,
    /** Stop before sending anything more, naming the line. */
    FAIL
}
