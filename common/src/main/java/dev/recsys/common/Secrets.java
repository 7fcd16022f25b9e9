package dev.recsys.common;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which configuration values are secrets and how they are shown, one rule for every service and the embedded
 * broker, so that the effective configuration each logs at start never shows a password, a JAAS config, a key, a
 * token, a credential or the registry's user info.
 */
public final class Secrets {
    /** What a secret value is shown as. */
    public static final String MASK = "********";

    private Secrets() {
    }

    /** True for keys whose values must not be logged, such as ssl.keystore.password or basic.auth.user.info. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("user.info")
                || k.contains("token") || k.contains("credential") || k.endsWith(".key");
    }

    /** The value, or {@link #MASK} when the key names a secret (null stays null). */
    public static String mask(String key, String value) {
        return value != null && isSecret(key) ? MASK : value;
    }

    /** A copy of the settings, sorted by key, with every secret value masked. */
    public static Map<String, String> mask(Map<String, ?> settings) {
        Map<String, String> masked = new TreeMap<>();
        settings.forEach((key, value) -> masked.put(key, mask(key, value == null ? null : value.toString())));
        return masked;
    }

    /** A URL, or a comma-separated list of them, with every {@code user:password@} part replaced by {@link #MASK}. */
    public static String maskUrls(String urls) {
        return urls == null ? null : urls.replaceAll("(?<=://)[^/@,]+@", MASK + "@");
    }
}
