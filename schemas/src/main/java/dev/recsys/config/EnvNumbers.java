package dev.recsys.config;

import java.util.Map;
import java.util.function.Function;

/** Numbers read from environment variables (or any name-to-text map), with a default when the name is absent. */
public final class EnvNumbers {
    private EnvNumbers() {
    }

    /** @throws IllegalArgumentException naming the variable, when its value is not an integer */
    public static int intOf(Map<String, String> env, String name, int fallback) {
        return number(env, name, fallback, Integer::parseInt, "an integer");
    }

    /** @throws IllegalArgumentException naming the variable, when its value is not an integer */
    public static long longOf(Map<String, String> env, String name, long fallback) {
        return number(env, name, fallback, Long::parseLong, "an integer");
    }

    /** @throws IllegalArgumentException naming the variable, when its value is not a number */
    public static double doubleOf(Map<String, String> env, String name, double fallback) {
        return number(env, name, fallback, Double::parseDouble, "a number");
    }

    private static <T> T number(Map<String, String> env, String name, T fallback, Function<String, T> parse,
                                String kind) {
        String value = env.get(name);
        try {
            return value == null ? fallback : parse.apply(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be " + kind + ", got '" + value + "'");
        }
    }
}
