package dev.recsys.config;

/** A command line that cannot be run: the message is the one line the user sees before the usage text. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
