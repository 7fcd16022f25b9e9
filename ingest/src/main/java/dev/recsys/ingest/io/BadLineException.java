package dev.recsys.ingest.io;

/**
 * A parser's verdict on one line. Package-private and without a stack trace: it is control flow for bad data,
 * turned into a {@link BadRecord} by {@link LineSource}, and a corrupt file may throw it millions of times.
 */
final class BadLineException extends Exception {
    private final BadRecord.Reason reason;

    BadLineException(BadRecord.Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    static BadLineException malformed(String detail) {
        return new BadLineException(BadRecord.Reason.MALFORMED, detail);
    }

    BadRecord.Reason reason() {
        return reason;
    }
}
