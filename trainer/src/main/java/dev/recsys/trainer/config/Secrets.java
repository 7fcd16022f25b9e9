package dev.recsys.trainer.config;

import java.net.URI;
import java.util.Locale;

/** Which configuration values are secrets, and how they are masked in logs. */
public final class Secrets {
    public static final String MASK = "********";

    private Secrets() {
    }

    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("user.info")
                || k.contains("token") || k.endsWith(".key");
    }

    /** A URL list with any {@code user:password@} part masked: registry URLs may carry credentials. */
    public static String maskUrls(String urls) {
        if (urls == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String url : urls.split(",")) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(maskUrl(url.trim()));
        }
        return out.toString();
    }

    private static String maskUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getRawUserInfo() == null) {
                return url;
            }
            return url.replace(uri.getRawUserInfo() + "@", MASK + "@");
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
