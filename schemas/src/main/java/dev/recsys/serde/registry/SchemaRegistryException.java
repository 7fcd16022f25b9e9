package dev.recsys.serde.registry;

/**
 * The registry refused a request (with Confluent's error code), or could not be reached at all. The serde turns
 * it into a Kafka SerializationException that also names the subject or the topic.
 */
public class SchemaRegistryException extends RuntimeException {
    /** Error code used when no registry URL could be reached; Confluent's own codes are all positive. */
    public static final int UNREACHABLE = -1;
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int UNAUTHORIZED = 401;

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.errorCode = UNREACHABLE;
    }

    public static SchemaRegistryException subjectNotFound(String subject) {
        return new SchemaRegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    public static SchemaRegistryException schemaNotFound(String what) {
        return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema not found: " + what);
    }

    /** The HTTP status, 0 when the registry was not reached. */
    public int status() {
        return status;
    }

    /** Confluent's error_code (40401, 40403, 409, ...), or {@link #UNREACHABLE}. */
    public int errorCode() {
        return errorCode;
    }

    public boolean isUnreachable() {
        return errorCode == UNREACHABLE;
    }

    public boolean isNotFound() {
        return errorCode == SUBJECT_NOT_FOUND || errorCode == VERSION_NOT_FOUND || errorCode == SCHEMA_NOT_FOUND;
    }
}
