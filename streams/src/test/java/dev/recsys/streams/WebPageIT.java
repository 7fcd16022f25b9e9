package dev.recsys.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.common.topics.Topics;
import dev.recsys.embedded.junit.KafkaBroker;
import dev.recsys.embedded.junit.WithKafka;
import dev.recsys.model.HybridModel;
import dev.recsys.model.ModelCodec;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.serde.SerdeConfig;
import dev.recsys.serde.registry.MockSchemaRegistry;
import dev.recsys.streams.config.StreamsSettings;
import dev.recsys.streams.serde.AppSerdes;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The streams app's page in a real browser (Debian's chromium, headless, through chromedriver) against the app on a
 * real broker with three published model versions: the page loads without console errors, shows a user's two lists,
 * charts one point per version, follows a new rating of the user, refuses a non-numeric id, shows the popular list to
 * a user without ratings and reconnects when the app restarts. Skipped only where no browser can be found.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageIT {
    private static final String SCOPE = "WebPageIT";
    private static final String APP_ID = "web-page-it";
    private static final int PARTITIONS = 4;
    private static final int VERSIONS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Path SCREENSHOT = Path.of("target", "web-page.png");

    private final ObjectMapper json = new ObjectMapper();
    private TestData data;
    private AppSerdes serdes;
    private KafkaBroker broker;
    private Path stateDir;
    private int port;
    private StreamsApp app;
    private WebDriver browser;
    private int user;
    private long sequence = 1_000_000;

    @BeforeAll
    void startTheAppAndTheBrowser(KafkaBroker broker, @TempDir Path dir) throws Exception {
        WebBrowser.assumeInstalled();
        this.broker = broker;
        MockSchemaRegistry.drop(SCOPE);
        ItStack.createTopics(broker, PARTITIONS);
        data = TestData.generate(dir.resolve("data"), 60, 150, 2000, 3);
        serdes = AppSerdes.avro(SerdeConfig.registry("mock://" + SCOPE, null));
        HybridModel model = data.train(data.ratings(), 2, 1);
        try (var movies = new KafkaProducer<>(producerProps(), new IntegerSerializer(), serdes.movie().serializer());
             var models = new KafkaProducer<>(producerProps(), new StringSerializer(),
                     serdes.modelUpdate().serializer())) {
            for (Movie movie : data.movies()) {
                movies.send(new ProducerRecord<>(Topics.MOVIES, movie.getMovieId(), movie));
            }
            // three versions of the same weights, each with its own validation figures
            for (int version = 1; version <= VERSIONS; version++) {
                models.send(new ProducerRecord<>(Topics.MODEL_UPDATES, Topics.MODEL_NAME, ModelCodec.toUpdate(model,
                        version, version > 1 ? (long) version - 1 : null, List.of(), 500L * version,
                        Map.of("val_mse", 1.0 - 0.05 * version, "val_ndcg_at_10", 0.2 + 0.05 * version,
                                "val_hit_rate_at_10", 0.1 * version)))).get();
            }
        }
        stateDir = Files.createDirectories(dir.resolve("state"));
        port = freePort();
        app = StreamsApp.start(settings());
        assertThat(app.awaitReady(TIMEOUT)).as("the app is ready").isTrue();
        await("every published version read").atMost(TIMEOUT)
                .until(() -> app.models().currentVersion() == VERSIONS);
        send(data.ratings());
        user = mostActiveUser();
        int expected = (int) data.ratings().stream().filter(r -> r.getUserId() == user)
                .map(RatingEvent::getMovieId).distinct().count();
        await("the app to hold user " + user + "'s ratings").atMost(TIMEOUT)
                .until(() -> view(user).path("ratings").asInt() == expected);
        browser = WebBrowser.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
        MockSchemaRegistry.drop(SCOPE);
    }

    @Test
    @Order(1)
    void loadsWithoutConsoleErrorsAndShowsTheUsersTwoLists() {
        browser.get(page() + "#user=" + user);

        List<WebElement> watched = waitFor("10 watched movies", d -> rows("watched", 10));
        List<WebElement> recommended = waitFor("10 recommended movies", d -> rows("recommended", 10));
        assertThat(watched).allMatch(row -> row.getText().contains("\u2605"));
        assertThat(starsOf(watched)).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(recommended).allMatch(row -> row.getText().matches("(?s).+\u2605 [0-5]\\.[0-9].*"));
        assertThat(recommended).anyMatch(row -> row.getText().contains("because you rated "));
        assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("live");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    @Order(2)
    void theModelChartHasOnePointPerPublishedVersion() {
        waitFor("the model chart's points", d -> browser.findElement(By.id("model-chart"))
                .getDomAttribute("data-points").equals(Integer.toString(VERSIONS)));

        assertThat(browser.findElement(By.id("model-version")).getText()).startsWith("v" + VERSIONS);
        assertThat(browser.findElement(By.id("model-figures")).getText()).contains("0.8500");
        assertThat(browser.findElements(By.cssSelector("#model-chart canvas"))).isNotEmpty();
    }

    @Test
    @Order(3)
    void drawsTheStreamCharts() {
        for (String chart : List.of("chart-ratings", "chart-strategies", "chart-dead-letters", "chart-lag")) {
            waitFor(chart, d -> !browser.findElements(By.cssSelector("#" + chart + " canvas")).isEmpty());
        }
    }

    @Test
    @Order(4)
    void theListsFollowANewRatingOfTheUser() throws Exception {
        String recommendedBefore = browser.findElement(By.id("recommended")).getText();
        Movie top = rateTheTopRecommendation(5f);

        // a new 5 is the first of the user's best rated, and it leaves the recommendations
        waitFor("the new rating at the top of the watched list", d -> rows("watched", 10).get(0).getText()
                .startsWith(top.getTitle() + " \u2605 5.0"));
        waitFor("the recommendations to change", d -> !browser.findElement(By.id("recommended")).getText()
                .equals(recommendedBefore));
        assertThat(titlesOf(rows("recommended", 10))).doesNotContain(top.getTitle());
        screenshot();
    }

    @Test
    @Order(5)
    void aNonNumericIdIsRefusedWithAMessage() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(page() + "users/abc/view")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("error").asText()).contains("integer");

        showUser("abc");

        waitFor("the refusal on the page", d -> browser.findElement(By.id("user-error")).getText()
                .contains("user id must be an integer, got 'abc'"));
        assertThat(browser.findElements(By.cssSelector("#recommended li"))).isEmpty();
    }

    @Test
    @Order(6)
    void aUserWithoutRatingsGetsThePopularList() {
        showUser("999999");

        waitFor("no ratings yet", d -> browser.findElement(By.id("watched")).getText().equals("no ratings yet"));
        waitFor("the popular list", d -> rows("recommended", 10));
        assertThat(browser.findElement(By.id("recommended-sub")).getText()).contains("most rated");
    }

    @Test
    @Order(7)
    void reconnectsWhileTheAppRestarts() throws Exception {
        showUser(Integer.toString(user));
        waitFor("the user's lists", d -> rows("recommended", 10));

        app.close();
        waitFor("the page to say it lost the app", d -> browser.findElement(By.id("connection")).getText()
                .startsWith("reconnecting"));
        assertThat(rows("watched", 10)).as("the last lists stay on the page").isNotNull();
        app = StreamsApp.start(settings());

        waitFor("the page to reconnect", d -> browser.findElement(By.id("connection")).getText().equals("live"));
        Movie top = rateTheTopRecommendation(4.5f);
        waitFor("a rating after the restart on the page", d -> rows("watched", 10).stream()
                .anyMatch(row -> row.getText().startsWith(top.getTitle() + " \u2605 4.5")));
    }

    // ---- helpers

    private void showUser(String id) {
        WebElement input = browser.findElement(By.id("user-input"));
        input.clear();
        input.sendKeys(id);
        browser.findElement(By.cssSelector("#user-form button")).click();
    }

    /** The list's rows once it has exactly n, else null (to keep waiting). */
    private List<WebElement> rows(String list, int n) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#" + list + " li." + list + "-row"));
        return rows.size() == n ? rows : null;
    }

    /** Rates the movie at the top of the user's recommendations (as the app answers now); returns it. */
    private Movie rateTheTopRecommendation(float rating) throws Exception {
        await("the app to answer for user " + user).atMost(TIMEOUT).until(() -> view(user).has("recommended"));
        int movieId = view(user).path("recommended").path(0).path("movieId").asInt();
        Movie movie = data.moviesById().get(movieId);
        assertThat(movie).as("the top recommendation of user %d", user).isNotNull();
        RatingEvent last = data.ratings().get(data.ratings().size() - 1);
        send(List.of(RatingEvent.newBuilder(last).setUserId(user).setMovieId(movieId).setRating(rating)
                .setSequence(++sequence).setEventTime(Instant.now()).build()));
        return movie;
    }

    private static List<String> titlesOf(List<WebElement> rows) {
        return rows.stream().map(row -> row.getText().substring(0, row.getText().indexOf(" \u2605"))).toList();
    }

    private static List<Double> starsOf(List<WebElement> rows) {
        return rows.stream().map(row -> row.findElement(By.className("stars")).getText().substring(2))
                .map(Double::parseDouble).toList();
    }

    private <T> T waitFor(String what, Function<WebDriver, T> condition) {
        // the page redraws a list when it changes: an element read mid-redraw is stale, and read again
        return new WebDriverWait(browser, TIMEOUT).withMessage(what)
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    private List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::toString).toList();
    }

    private void screenshot() throws IOException {
        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOT, png);
    }

    private String page() {
        return "http://localhost:" + port + "/";
    }

    private JsonNode view(int userId) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(page() + "users/" + userId + "/view")).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? json.readTree(response.body()) : json.nullNode();
        } catch (IOException e) {
            return json.nullNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return json.nullNode();
        }
    }

    private int mostActiveUser() {
        Map<Integer, Long> counts = data.ratings().stream()
                .collect(Collectors.groupingBy(RatingEvent::getUserId, Collectors.counting()));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private void send(List<RatingEvent> events) throws Exception {
        try (var producer = new KafkaProducer<>(producerProps(), new IntegerSerializer(),
                serdes.ratingEvent().serializer())) {
            for (RatingEvent event : events) {
                producer.send(new ProducerRecord<>(Topics.RATINGS, event.getUserId(), event));
            }
            producer.flush();
        }
    }

    private StreamsSettings settings() {
        return ItStack.settings(broker, SCOPE, APP_ID, stateDir, port);
    }

    private Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        return props;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
