package dev.recsys.streams.config;

import java.util.Locale;

/** Which configuration keys hold secrets, so that logs and /model never print them. */
final class Secrets {
    private Secrets() {
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("user.info")
                || k.contains("token") || k.endsWith(".key");
    }
}
