package dev.recsys.common.cli;

/**
 * Settings with checks that a type alone cannot make: ranges, and values that depend on each other. {@link Cli}
 * calls {@link #validate()} on a command and its mixins once the command line is parsed, before the command runs,
 * and turns an {@link IllegalArgumentException} into a usage error (exit code 2).
 */
public interface Validated {

    /** @throws IllegalArgumentException with one line naming the flag and what is wrong */
    void validate();

    /** @throws IllegalArgumentException with the message, when the condition does not hold */
    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
