package dev.recsys.streams.topology;

import dev.recsys.common.topics.Topics;
import dev.recsys.model.Ranked;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.Recommendations;
import dev.recsys.schemas.Strategy;
import dev.recsys.streams.config.StreamsSettings;
import dev.recsys.streams.scoring.LoadedModel;
import dev.recsys.streams.scoring.ModelHolder;
import dev.recsys.streams.scoring.ModelRanker;
import dev.recsys.streams.scoring.PopularityRanker;
import dev.recsys.streams.state.HeldRating;
import dev.recsys.streams.state.MovieStats;
import dev.recsys.streams.state.RatedMovie;
import dev.recsys.streams.state.UserHistory;
import dev.recsys.streams.state.UserRatings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rating in, one list out: checks the rating (a bad one goes to the dead-letter sink untouched), updates the
 * user's history and the movie's popularity, ranks with the current model (or by popularity before the first model)
 * and emits the user's new top-N. All of it in one processor, so that the state updates and both outputs of a rating
 * commit in one transaction.
 *
 * <p>A rating of a movie the catalogue does not show yet is held, not dropped: the catalogue is a global store read
 * by its own thread, so a rating can overtake the movie record that ingest sent before it. Held ratings are retried
 * every second, in the order they arrived, and answered as soon as their movie is known; one whose movie is still
 * unknown after {@link #UNKNOWN_MOVIE_WAIT} goes to the dead-letter topic as UNKNOWN_MOVIE. The held records live in
 * a changelogged store, so a crash loses none of them.
 */
final class RatingProcessor implements Processor<byte[], byte[], Object, Object> {
    private static final Logger log = LoggerFactory.getLogger(RatingProcessor.class);
    /** How long a rating waits for its movie to reach the catalogue before it is a dead letter. */
    static final Duration UNKNOWN_MOVIE_WAIT = Duration.ofSeconds(30);
    /** At most this many ratings held per task; beyond, a rating of an unknown movie is a dead letter at once. */
    static final int MAX_HELD = 100_000;
    private static final Duration RETRY_EVERY = Duration.ofSeconds(1);
    /**
     * How long a rating waits for the model a restart loads in the background before popularity answers it: well
     * inside the 10 s transaction timeout Streams sets under exactly-once.
     */
    static final Duration MODEL_LOAD_WAIT = Duration.ofSeconds(5);

    private final ModelHolder models;
    private final RatingCheck check;
    private final int historyLimit;
    private final long historyCacheEntries;
    private final ModelRanker modelRanker;
    private final PopularityRanker popularityRanker;
    private final String applicationId;
    private final AppCounters counters;
    private ProcessorContext<Object, Object> context;
    private UserRatings userRatings;
    private KeyValueStore<Integer, MovieStats> popularity;
    private KeyValueStore<Integer, Recommendations> latest;
    private KeyValueStore<Integer, Movie> catalogue;
    private KeyValueStore<Long, HeldRating> held;
    private int heldCount;

    RatingProcessor(ModelHolder models, Deserializer<RatingEvent> ratings, StreamsSettings settings,
                    AppCounters counters) {
        this.models = models;
        this.check = new RatingCheck(ratings);
        this.historyLimit = settings.historyLimit();
        this.historyCacheEntries = settings.historyCacheEntries();
        this.modelRanker = new ModelRanker(settings.topN());
        this.popularityRanker = new PopularityRanker(settings.topN());
        this.applicationId = settings.applicationId();
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        // a new one at every init: its cache of histories must not outlive a revived task's state
        KeyValueStore<Long, RatedMovie> ratings = context.getStateStore(TopologyNames.USER_RATINGS_STORE);
        this.userRatings = new UserRatings(ratings, historyCacheEntries);
        this.popularity = context.getStateStore(TopologyNames.MOVIE_POPULARITY_STORE);
        this.latest = context.getStateStore(TopologyNames.LATEST_RECOMMENDATIONS_STORE);
        this.catalogue = context.getStateStore(TopologyNames.MOVIE_CATALOGUE_STORE);
        this.held = context.getStateStore(TopologyNames.HELD_RATINGS_STORE);
        // stores are restored before processors start: what a crashed instance held is here
        try (KeyValueIterator<Long, HeldRating> all = held.all()) {
            all.forEachRemaining(entry -> heldCount++);
        }
        context.schedule(RETRY_EVERY, PunctuationType.WALL_CLOCK_TIME, this::retryHeld);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Optional<RecordMetadata> source = context.recordMetadata();
        String topic = source.map(RecordMetadata::topic).orElse(Topics.RATINGS);
        RatingCheck.Verdict verdict = check.check(topic, record.headers(), record.key(), record.value(),
                this::known);
        if (verdict.reason() == DeadLetterReason.UNKNOWN_MOVIE && source.isPresent() && heldCount < MAX_HELD) {
            hold(record, source.get());
        } else if (!verdict.ok()) {
            deadLetter(record, verdict, source);
        } else {
            answer(verdict.event(), record.timestamp());
        }
    }

    private boolean known(int movieId) {
        return catalogue.get(movieId) != null;
    }

    private void hold(Record<byte[], byte[]> record, RecordMetadata source) {
        held.put(source.offset(), new HeldRating(record.key(), record.value(), record.headers(), record.timestamp(),
                source.topic(), source.partition(), source.offset(), context.currentSystemTimeMs()));
        heldCount++;
        log.info("Rating at {}-{}@{} is for a movie not in the catalogue yet; held for up to {} s", source.topic(),
                source.partition(), source.offset(), UNKNOWN_MOVIE_WAIT.toSeconds());
    }

    /** Answers each held rating whose movie has arrived; sends those that waited too long to the dead letters. */
    private void retryHeld(long now) {
        if (heldCount == 0) {
            return;
        }
        List<Long> done = new ArrayList<>();
        try (KeyValueIterator<Long, HeldRating> all = held.all()) {
            while (all.hasNext()) {
                KeyValue<Long, HeldRating> entry = all.next();
                HeldRating rating = entry.value;
                RatingCheck.Verdict verdict = check.check(rating.topic(), rating.headers(), rating.key(),
                        rating.value(), this::known);
                long waited = now - rating.heldSinceMs();
                if (verdict.ok()) {
                    answer(verdict.event(), rating.timestamp());
                } else if (verdict.reason() == DeadLetterReason.UNKNOWN_MOVIE
                        && waited < UNKNOWN_MOVIE_WAIT.toMillis()) {
                    continue;
                } else {
                    RatingCheck.Verdict late = new RatingCheck.Verdict(verdict.userId(), null, verdict.reason(),
                            verdict.detail() + " (held " + waited / 1000 + " s for the catalogue)");
                    deadLetter(new Record<>(rating.key(), rating.value(), rating.timestamp(), rating.headers()),
                            late, Optional.of(new Source(rating.topic(), rating.partition(), rating.offset())));
                }
                done.add(entry.key);
            }
        }
        done.forEach(held::delete);
        heldCount -= done.size();
    }

    /** Applies a good rating and emits the user's new list. */
    private void answer(RatingEvent event, long timestamp) {
        UserHistory history = remember(event);
        LoadedModel model = models.currentOrAwaitLoad(MODEL_LOAD_WAIT);
        Ranked ranked = model != null ? rankWithModel(model, event.getUserId(), history) : null;
        Recommendations recommendations = ranked != null
                ? RecommendationsFactory.create(event.getUserId(), ranked, model.version(), Strategy.MODEL, event,
                        context.currentSystemTimeMs())
                : RecommendationsFactory.create(event.getUserId(), rankByPopularity(history), null,
                        Strategy.POPULARITY, event, context.currentSystemTimeMs());
        latest.put(event.getUserId(), recommendations);
        counters.recommended(recommendations.getStrategy());
        context.forward(new Record<Object, Object>(event.getUserId(),
                RecommendationsFactory.withTitles(recommendations, this::title), timestamp),
                TopologyNames.RECOMMENDATIONS_SINK);
    }

    /**
     * Adds the rating to the user's history and to the movie's popularity; returns the new history. Both writes are
     * of constant size: the history is read whole (the model scores it) but only the changed entries are written.
     */
    private UserHistory remember(RatingEvent event) {
        int userId = event.getUserId();
        int movieId = event.getMovieId();
        float rating = event.getRating();
        UserHistory before = userRatings.history(userId);
        UserHistory after = before.withRating(movieId, rating, event.getEventTime().toEpochMilli(), historyLimit);
        userRatings.add(userId, before, after);
        MovieStats stats = popularity.get(movieId);
        if (stats == null) {
            stats = MovieStats.NONE;
        }
        Float previous = before.ratingOf(movieId);
        popularity.put(movieId, previous != null ? stats.rerated(previous, rating) : stats.plus(rating));
        return after;
    }

    /** Null when the model cannot score (it never should): the rating then falls back to popularity. */
    private Ranked rankWithModel(LoadedModel model, int userId, UserHistory history) {
        try {
            return modelRanker.rank(model.scorer(), history);
        } catch (RuntimeException e) {
            log.error("Model version {} failed to score user {}; answering by popularity", model.version(), userId, e);
            return null;
        }
    }

    private Ranked rankByPopularity(UserHistory history) {
        try (KeyValueIterator<Integer, MovieStats> all = popularity.all()) {
            return popularityRanker.rank(all, history);
        }
    }

    private String title(int movieId) {
        Movie movie = catalogue.get(movieId);
        return movie == null ? null : movie.getTitle();
    }

    private void deadLetter(Record<byte[], byte[]> record, RatingCheck.Verdict verdict,
                            Optional<RecordMetadata> meta) {
        log.warn("Rating to {} ({}): {} [{}]", Topics.RATINGS_DLQ, verdict.reason(),
                verdict.detail(), meta.map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"));
        context.forward(new Record<Object, Object>(record.key(), record.value(), record.timestamp(),
                DeadLetters.headers(record.headers(), verdict.reason(), verdict.detail(), meta, applicationId)),
                TopologyNames.RATINGS_DLQ_SINK);
        counters.deadLetter(verdict.reason());
    }

    /** Where a held rating came from, for its dead-letter headers. */
    private record Source(String topic, int partition, long offset) implements RecordMetadata {
    }
}
