package dev.recsys.common.topics;

/** Topics could not be listed or created; the message is the one line to show. */
public final class TopicException extends IllegalStateException {
    TopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
