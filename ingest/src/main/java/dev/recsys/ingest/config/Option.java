package dev.recsys.ingest.config;

/**
 * One setting of a command: the environment variable that sets it and the CLI flag that overrides it
 * (null: environment only, as secrets do not belong on a command line).
 */
public record Option(String flag, String env, String value, String help) {

    /** How errors name the setting: {@code --rate (INGEST_RATE)}. */
    public String label() {
        return flag == null ? env : flag + " (" + env + ")";
    }
}
