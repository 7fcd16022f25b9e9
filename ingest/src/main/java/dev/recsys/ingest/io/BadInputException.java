package dev.recsys.ingest.io;

/** Thrown by {@link ErrorSink#failFast()}: a data problem, reported as one line, never as a stack trace. */
public final class BadInputException extends RuntimeException {
    private final transient BadRecord bad;

    public BadInputException(BadRecord bad) {
        super(bad.describe());
        this.bad = bad;
    }

    public BadRecord bad() {
        return bad;
    }
}
