package dev.recsys.ingest.io;

/** Where readers report the lines they could not use; reading goes on after a report unless the sink throws. */
@FunctionalInterface
public interface ErrorSink {

    void report(BadRecord bad);

    /** Drops every report: for callers that have already validated the data, or count elsewhere. */
    static ErrorSink ignore() {
        return bad -> {
        };
    }

    /** Stops reading at the first bad line by throwing {@link BadInputException}. */
    static ErrorSink failFast() {
        return bad -> {
            throw new BadInputException(bad);
        };
    }
}
