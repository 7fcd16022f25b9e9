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
import dev.recsys.streams.state.MovieStats;
import dev.recsys.streams.state.UserHistory;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rating in, one list out: checks the rating (a bad one goes to the dead-letter sink untouched), updates the
 * user's history and the movie's popularity, ranks with the current model (or by popularity before the first model)
 * and emits the user's new top-N. All of it in one processor, so that the state updates and both outputs of a rating
 * commit in one transaction.
 */
final class RatingProcessor implements Processor<byte[], byte[], Object, Object> {
    private static final Logger log = LoggerFactory.getLogger(RatingProcessor.class);

    private final ModelHolder models;
    private final RatingCheck check;
    private final int historyLimit;
    private final ModelRanker modelRanker;
    private final PopularityRanker popularityRanker;
    private final String applicationId;
    private final AppCounters counters;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<Integer, UserHistory> histories;
    private KeyValueStore<Integer, MovieStats> popularity;
    private KeyValueStore<Integer, Recommendations> latest;
    private KeyValueStore<Integer, Movie> catalogue;

    RatingProcessor(ModelHolder models, Deserializer<RatingEvent> ratings, StreamsSettings settings,
                    AppCounters counters) {
        this.models = models;
        this.check = new RatingCheck(ratings);
        this.historyLimit = settings.historyLimit();
        this.modelRanker = new ModelRanker(settings.topN());
        this.popularityRanker = new PopularityRanker(settings.topN());
        this.applicationId = settings.applicationId();
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.histories = context.getStateStore(TopologyNames.USER_HISTORY_STORE);
        this.popularity = context.getStateStore(TopologyNames.MOVIE_POPULARITY_STORE);
        this.latest = context.getStateStore(TopologyNames.LATEST_RECOMMENDATIONS_STORE);
        this.catalogue = context.getStateStore(TopologyNames.MOVIE_CATALOGUE_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(m -> m.topic()).orElse(Topics.RATINGS);
        RatingCheck.Verdict verdict = check.check(topic, record.headers(), record.key(), record.value(),
                movieId -> catalogue.get(movieId) != null);
        if (!verdict.ok()) {
            deadLetter(record, verdict);
            return;
        }
        RatingEvent event = verdict.event();
        UserHistory history = remember(event);
        LoadedModel model = models.currentOrNull();
        Ranked ranked = model != null ? rankWithModel(model, event.getUserId(), history) : null;
        Recommendations recommendations = ranked != null
                ? RecommendationsFactory.create(event.getUserId(), ranked, model.version(), Strategy.MODEL, event,
                        this::title, context.currentSystemTimeMs())
                : RecommendationsFactory.create(event.getUserId(), rankByPopularity(history), null,
                        Strategy.POPULARITY, event, this::title, context.currentSystemTimeMs());
        latest.put(event.getUserId(), recommendations);
        counters.recommended(recommendations.getStrategy());
        context.forward(new Record<Object, Object>(event.getUserId(), recommendations, record.timestamp()),
                TopologyNames.RECOMMENDATIONS_SINK);
    }

    /** Adds the rating to the user's history and to the movie's popularity; returns the new history. */
    private UserHistory remember(RatingEvent event) {
        int userId = event.getUserId();
        int movieId = event.getMovieId();
        float rating = event.getRating();
        UserHistory before = histories.get(userId);
        if (before == null) {
            before = UserHistory.EMPTY;
        }
        UserHistory after = before.withRating(movieId, rating, event.getEventTime().toEpochMilli(), historyLimit);
        histories.put(userId, after);
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

    private void deadLetter(Record<byte[], byte[]> record, RatingCheck.Verdict verdict) {
        var meta = context.recordMetadata();
        log.warn("Rating to {} ({}): {} [{}]", Topics.RATINGS_DLQ, verdict.reason(),
                verdict.detail(), meta.map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"));
        context.forward(new Record<Object, Object>(record.key(), record.value(), record.timestamp(),
                DeadLetters.headers(record.headers(), verdict.reason(), verdict.detail(), meta, applicationId)),
                TopologyNames.RATINGS_DLQ_SINK);
        counters.deadLetter(verdict.reason());
    }
}
