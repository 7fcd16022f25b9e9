package dev.recsys.serde.registry;

import dev.recsys.serde.SerdeConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * How to reach the registry, read from serde configuration.
 *
 * @param urls           registry base URLs without credentials, tried in turn (all mock:// or all http(s)://)
 * @param userInfo       {@code user:password} for basic authentication, if any
 * @param connectTimeout per URL
 * @param requestTimeout per request
 */
public record RegistrySettings(List<URI> urls, Optional<String> userInfo, Duration connectTimeout,
                               Duration requestTimeout) {

    public RegistrySettings {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new ConfigException(SerdeConfig.SCHEMA_REGISTRY_URL + " is required");
        }
    }

    public static RegistrySettings from(Map<String, ?> config) {
        String urlList = SerdeConfig.getString(config, SerdeConfig.SCHEMA_REGISTRY_URL);
        if (urlList == null) {
            throw new ConfigException(SerdeConfig.SCHEMA_REGISTRY_URL
                    + " is required: the Schema Registry's URL, such as http://localhost:8081, or mock://<scope>");
        }
        List<URI> raw = parseUrls(urlList);
        String source = Optional.ofNullable(SerdeConfig.getString(config, SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE))
                .map(s -> s.toUpperCase(Locale.ROOT)).orElse(null);
        Optional<String> userInfo = userInfo(source, config, raw);
        List<URI> urls = raw.stream().map(RegistrySettings::withoutUserInfo).toList();
        Duration connect = positiveMillis(config, SerdeConfig.HTTP_CONNECT_TIMEOUT_MS,
                SerdeConfig.DEFAULT_HTTP_CONNECT_TIMEOUT_MS);
        Duration request = positiveMillis(config, SerdeConfig.HTTP_READ_TIMEOUT_MS,
                SerdeConfig.DEFAULT_HTTP_READ_TIMEOUT_MS);
        return new RegistrySettings(urls, userInfo, connect, request);
    }

    public boolean isMock() {
        return urls.get(0).getScheme().equals("mock");
    }

    /** The URLs with credentials masked, for log lines and error messages. */
    public String describe() {
        return urls.stream().map(URI::toString).toList() + userInfo.map(u -> " as " + maskedUser(u)).orElse("");
    }

    private static Optional<String> userInfo(String source, Map<String, ?> config, List<URI> urls) {
        if (source == null) {
            return Optional.empty();
        }
        if (source.equals(SerdeConfig.CREDENTIALS_SOURCE_USER_INFO)) {
            String info = SerdeConfig.getString(config, SerdeConfig.BASIC_AUTH_USER_INFO);
            if (info == null) {
                info = SerdeConfig.getString(config, SerdeConfig.SCHEMA_REGISTRY_USER_INFO);
            }
            if (info == null || !info.contains(":")) {
                throw new ConfigException(SerdeConfig.BASIC_AUTH_USER_INFO
                        + " must be user:password when basic.auth.credentials.source=USER_INFO");
            }
            return Optional.of(info);
        }
        if (source.equals(SerdeConfig.CREDENTIALS_SOURCE_URL)) {
            return urls.stream().map(URI::getUserInfo).filter(u -> u != null && !u.isEmpty()).findFirst()
                    .or(() -> {
                        throw new ConfigException(SerdeConfig.SCHEMA_REGISTRY_URL
                                + " has no user:password@ part although basic.auth.credentials.source=URL");
                    });
        }
        throw new ConfigException(SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, source, "expected USER_INFO or URL");
    }

    private static List<URI> parseUrls(String urlList) {
        List<URI> urls = new ArrayList<>();
        for (String part : urlList.split(",")) {
            String text = part.trim();
            if (text.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new ConfigException(SerdeConfig.SCHEMA_REGISTRY_URL, text, "not a URL: " + e.getMessage());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("mock")) {
                throw new ConfigException(SerdeConfig.SCHEMA_REGISTRY_URL, text,
                        "expected an http://, https:// or mock:// URL");
            }
            urls.add(uri);
        }
        long mocks = urls.stream().filter(u -> u.getScheme().equalsIgnoreCase("mock")).count();
        if (mocks > 0 && mocks < urls.size()) {
            throw new ConfigException(SerdeConfig.SCHEMA_REGISTRY_URL, urlList,
                    "mock:// cannot be mixed with http(s):// URLs");
        }
        return urls;
    }

    private static URI withoutUserInfo(URI uri) {
        if (uri.getUserInfo() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                    uri.getFragment());
        } catch (URISyntaxException e) {
            throw new ConfigException(SerdeConfig.SCHEMA_REGISTRY_URL, uri.toString(), e.getMessage());
        }
    }

    private static Duration positiveMillis(Map<String, ?> config, String name, long defaultValue) {
        long millis = SerdeConfig.getLong(config, name, defaultValue);
        if (millis <= 0) {
            throw new ConfigException(name, millis, "must be a positive number of milliseconds");
        }
        return Duration.ofMillis(millis);
    }

    private static String maskedUser(String userInfo) {
        int colon = userInfo.indexOf(':');
        return (colon < 0 ? userInfo : userInfo.substring(0, colon)) + ":******";
    }
}
