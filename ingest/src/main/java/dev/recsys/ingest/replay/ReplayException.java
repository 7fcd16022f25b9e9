package dev.recsys.ingest.replay;

/**
 * A replay that cannot go on: broker or registry unreachable, bad input under {@link OnError#FAIL}, a record the
 * broker refused. The message is one line meant for the person running it; the cause is kept for debug logs.
 */
public final class ReplayException extends RuntimeException {

    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }

    public ReplayException(String message) {
        super(message);
    }
}
