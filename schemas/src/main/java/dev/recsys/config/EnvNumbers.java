package dev.recsys.config;

import java.util.Map;

/** Numbers read from environment variables (or any name-to-text map), with a default when the name is absent. */
public final class EnvNumbers {
    private EnvNumbers() {
    }

    /** @throws IllegalArgumentException naming the variable, when its value is not an integer */
    public static int intOf(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
        }
    }

    /** @throws IllegalArgumentException naming the variable, when its value is not an integer */
    public static long longOf(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        try {
            return value == null ? fallback : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
        }
    }

    /** @throws IllegalArgumentException naming the variable, when its value is not a number */
    public static double doubleOf(Map<String, String> env, String name, double fallback) {
        String value = env.get(name);
        try {
            return value == null ? fallback : Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }
}
