package dev.recsys.streams;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium and its chromedriver (packages chromium and chromium-driver), found on the PATH and driven
 * headless. Both paths are given to Selenium, so that it never tries to download a browser or a driver of its own.
 */
final class WebBrowser {
    private static final String[] BROWSERS = {"chromium", "chromium-browser", "google-chrome"};
    private static final String[] DRIVERS = {"chromedriver"};

    private WebBrowser() {
    }

    /** Skips the calling test, saying what is missing and how to get it, unless both are installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(onPath(BROWSERS).isPresent() && onPath(DRIVERS).isPresent(),
                "browser test skipped: no chromium and chromedriver on the PATH (install Debian's chromium and"
                        + " chromium-driver; ./recsys test does when it can)");
    }

    static WebDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(onPath(BROWSERS).orElseThrow().toFile());
        // --no-sandbox: CI runs as root, where chromium's sandbox refuses to start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,2100");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(onPath(DRIVERS).orElseThrow().toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static Optional<Path> onPath(String... names) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(names)
                .flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }
}
