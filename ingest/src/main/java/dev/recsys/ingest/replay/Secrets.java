package dev.recsys.ingest.replay;

/** How ingest shows secrets in its logs; which values are secrets is {@link dev.recsys.config.Secrets}' rule. */
final class Secrets {
    static final String MASK = "[hidden]";

    private Secrets() {
    }

    static String mask(String key, String value) {
        return dev.recsys.config.Secrets.isSecret(key) ? MASK : value;
    }

    /** {@code https://user:pass@host} becomes {@code https://[hidden]@host}. */
    static String maskUrl(String url) {
        return dev.recsys.config.Secrets.maskUrls(url, MASK);
    }
}
