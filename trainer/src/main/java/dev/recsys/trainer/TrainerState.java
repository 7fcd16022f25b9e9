package dev.recsys.trainer;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What the trainer is doing, as {@code GET /status} names it (in lower case). */
public enum TrainerState {
    /** The log as it was at start is not read yet. */
    READING,
    /** For enough ratings for the first model, or for a retrain trigger. */
    WAITING,
    TRAINING,
    STOPPED,
    FAILED;

    /** Whether the service runs: GET /health answers 200, recsys_trainer_up is 1. */
    public boolean up() {
        return this != STOPPED && this != FAILED;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
