package dev.recsys.ingest.replay;

import java.util.Locale;

/** Masks what must not reach a log: passwords, JAAS configs, keys, basic-auth user info, credentials in URLs. */
final class Secrets {
    static final String MASK = "[hidden]";

    private Secrets() {
    }

    static String mask(String key, String value) {
        String lower = key.toLowerCase(Locale.ROOT);
        boolean secret = lower.contains("password") || lower.contains("secret") || lower.contains("jaas")
                || lower.contains("user.info") || lower.endsWith(".key") || lower.contains("token");
        return secret ? MASK : value;
    }

    /** {@code https://user:pass@host} becomes {@code https://[hidden]@host}. */
    static String maskUrl(String url) {
        return url.replaceAll("(?<=://)[^/@,]+@", MASK + "@");
    }
}
