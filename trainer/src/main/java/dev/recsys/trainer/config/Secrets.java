package dev.recsys.trainer.config;

/** How the trainer shows secrets in its logs; which values are secrets is {@link dev.recsys.config.Secrets}' rule. */
public final class Secrets {
    public static final String MASK = "********";

    private Secrets() {
    }

    public static boolean isSecret(String key) {
        return dev.recsys.config.Secrets.isSecret(key);
    }

    /** A URL list with any {@code user:password@} part masked: registry URLs may carry credentials. */
    public static String maskUrls(String urls) {
        return dev.recsys.config.Secrets.maskUrls(urls, MASK);
    }
}
