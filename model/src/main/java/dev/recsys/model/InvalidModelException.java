package dev.recsys.model;

/** A ModelUpdate that cannot be turned into a model: bad checksum, unknown format, corrupt payload, wrong shapes. */
public final class InvalidModelException extends Exception {
    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
