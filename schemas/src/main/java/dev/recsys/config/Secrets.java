package dev.recsys.config;

import java.util.Locale;

/**
 * Which configuration values are secrets, one rule for every service, so that the effective configuration each
 * logs at start never shows a password, a JAAS config, a key, a token or registry credentials.
 */
public final class Secrets {
    /** What a secret value is shown as in the services' logged configuration. */
    public static final String MASK = "********";

    private Secrets() {
    }

    /** True for keys whose values must not be logged, such as ssl.keystore.password or basic.auth.user.info. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("user.info")
                || k.contains("token") || k.endsWith(".key");
    }

    /** A URL, or a comma-separated list of them, with every {@code user:password@} part replaced by {@link #MASK}. */
    public static String maskUrls(String urls) {
        return maskUrls(urls, MASK);
    }

    /** A URL, or a comma-separated list of them, with every {@code user:password@} part replaced by {@code mask}. */
    public static String maskUrls(String urls, String mask) {
        return urls == null ? null : urls.replaceAll("(?<=://)[^/@,]+@", mask + "@");
    }
}
