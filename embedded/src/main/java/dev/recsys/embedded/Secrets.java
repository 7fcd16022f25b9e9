package dev.recsys.embedded;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Masks the values of settings whose names say they hold a secret, for log lines. */
final class Secrets {

    private Secrets() {
    }

    static Map<String, String> mask(Map<String, String> settings) {
        Map<String, String> masked = new TreeMap<>();
        settings.forEach((key, value) -> masked.put(key, isSecret(key) ? "[hidden]" : value));
        return masked;
    }

    private static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("jaas")
                || lower.contains("credential") || lower.endsWith(".key");
    }
}
