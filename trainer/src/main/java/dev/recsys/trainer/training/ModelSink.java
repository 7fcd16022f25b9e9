package dev.recsys.trainer.training;

import dev.recsys.schemas.ModelUpdate;

/** Where published models go: the model log. Returns once the update is durably written. */
@FunctionalInterface
public interface ModelSink {
    /**
     * @return the size of the largest record written, in bytes (a large model is written as several)
     * @throws PublishException when it could not be written; the version is then not taken
     */
    int publish(ModelUpdate update) throws PublishException;

    /** An update that was not written. */
    final class PublishException extends Exception {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
