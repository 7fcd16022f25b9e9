package dev.recsys.common;

/** What to show of a failure in one line. */
public final class Errors {
    private Errors() {
    }

    /** The message of the innermost cause (the one that says what went wrong), or its class name without one. */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
