package dev.recsys.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every hyperparameter of the hybrid model and its training: the rating network (the study's network, its user
 * vector read from the user's history) and the ranking network that orders the lists.
 *
 * <p>{@link #study()} is the study's configuration, kept so its figures can be reproduced; {@link #defaults()}
 * is the configuration chosen on validation data (see the module README for the evidence).
 *
 * @param variant             a short name for reports and the ModelUpdate's hyperparameters
 * @param embeddingSize       width of the user vector and the movie embedding
 * @param hidden1             width of the first hidden layer
 * @param hidden2             width of the second hidden layer
 * @param dropout             probability of DROPPING a hidden unit (PyTorch's convention; DL4J takes 1 - dropout)
 * @param embeddingDropout    the same for the user vector and the movie embedding
 * @param learningRate        Adam's initial learning rate for the rating network
 * @param learningRateDecay   factor applied to the learning rate after each epoch (1 = constant)
 * @param batchSize           ratings per minibatch
 * @param epochs              maximum number of epochs of the rating network
 * @param patience            stop after this many epochs without a better validation loss (0 = never stop early)
 * @param biasTerms           add a user bias (from the history), a movie bias and a global offset to the output
 * @param embeddingInit       how the movie embedding is drawn
 * @param embeddingL2         L2 coefficient on the movie embedding and the history table (0 = none)
 * @param denseL2             L2 coefficient on the dense layers' weights (0 = none)
 * @param biasL2              L2 coefficient on the movie bias table (0 = none)
 * @param dotTerm             add a weighted dot product of the user vector and the movie embedding to the output,
 *                            beside the MLP (NeuMF's "GMF" path); requires biasTerms
 * @param averageFrom         from this epoch on, keep the running average of the end-of-epoch weights and use it as
 *                            the model (stochastic weight averaging); 0 = off
 * @param members             how many rating networks are trained independently (seeds seed, seed + 1, ...) and
 *                            averaged; more than one requires biasTerms
 * @param biasShrinkage       a user's bias is the sum over their n ratings divided by n + this
 * @param ranking             order lists with the ranking network (blended with the predicted rating); false orders
 *                            them by predicted rating alone, as the study did
 * @param rankingWidth        the ranking network's hidden width
 * @param rankingDropout      probability of dropping each rated movie from the ranking network's input in training
 * @param rankingLearningRate Adam's learning rate for the ranking network
 * @param rankingBatchSize    users per minibatch of the ranking network
 * @param rankingEpochs       maximum number of epochs of the ranking network
 * @param rankingL2           L2 coefficient on the ranking network's weights
 * @param lowRatingWeight     weight of a rating below 4 in the ranking network's input and target (4 and 5 weigh 1)
 * @param blendWeight         final score = ranking score + this x predicted rating; negative = chosen on the
 *                            validation data at each training
 * @param recency             in the ranking network's input, a rating weighs this much less for each rating the user
 *                            gave after it (1 = by rating only; below, the latest ratings count most); negative =
 *                            chosen on the validation lists at each training, with the blend weight
 * @param candidates          at most this many movies, the best by ranking score, get a predicted rating for the
 *                            blend (see FastScorer)
 * @param seed                seeds initialisation, dropout and the shuffle order
 */
public record ModelConfig(String variant, int embeddingSize, int hidden1, int hidden2, double dropout,
                          double embeddingDropout, double learningRate, double learningRateDecay, int batchSize,
                          int epochs, int patience, boolean biasTerms, EmbeddingInit embeddingInit,
                          double embeddingL2, double denseL2, double biasL2, boolean dotTerm, int averageFrom,
                          int members, double biasShrinkage, boolean ranking, int rankingWidth,
                          double rankingDropout, double rankingLearningRate, int rankingBatchSize, int rankingEpochs,
                          double rankingL2, double lowRatingWeight, double blendWeight, double recency,
                          int candidates,
                          long seed) {

    /** How the movie embedding is initialised. */
    public enum EmbeddingInit {
        /** DL4J's default for layers: Xavier. */
        XAVIER,
        /** PyTorch's nn.Embedding default: N(0, 1). */
        NORMAL,
        /** N(0, 0.1^2), as matrix factorisation usually starts. */
        SMALL
    }

    public ModelConfig {
        if (variant == null || variant.isBlank()) {
            throw new IllegalArgumentException("variant must be named");
        }
        requirePositive("embeddingSize", embeddingSize);
        requirePositive("hidden1", hidden1);
        requirePositive("hidden2", hidden2);
        requirePositive("batchSize", batchSize);
        requirePositive("members", members);
        requirePositive("rankingWidth", rankingWidth);
        requirePositive("rankingBatchSize", rankingBatchSize);
        requirePositive("candidates", candidates);
        if (members > 1 && !biasTerms) {
            throw new IllegalArgumentException("members > 1 requires bias_terms");
        }
        if (averageFrom < 0) {
            throw new IllegalArgumentException("averageFrom must be >= 0, got " + averageFrom);
        }
        if (epochs < 0 || patience < 0 || rankingEpochs < 0) {
            throw new IllegalArgumentException("epochs and patience must be >= 0");
        }
        requireProbability("dropout", dropout);
        requireProbability("embeddingDropout", embeddingDropout);
        requireProbability("rankingDropout", rankingDropout);
        if (!(learningRate > 0) || !(rankingLearningRate > 0) || !(learningRateDecay > 0) || learningRateDecay > 1) {
            throw new IllegalArgumentException("learning rates must be > 0 and learningRateDecay in (0, 1]");
        }
        if (dotTerm && !biasTerms) {
            throw new IllegalArgumentException("dot_term requires bias_terms");
        }
        if (embeddingL2 < 0 || denseL2 < 0 || biasL2 < 0 || rankingL2 < 0) {
            throw new IllegalArgumentException("L2 coefficients must be >= 0");
        }
        if (!(biasShrinkage >= 0)) {
            throw new IllegalArgumentException("biasShrinkage must be >= 0, got " + biasShrinkage);
        }
        if (!(lowRatingWeight > 0) || lowRatingWeight > 1) {
            throw new IllegalArgumentException("lowRatingWeight must be in (0, 1], got " + lowRatingWeight);
        }
        if (Double.isNaN(blendWeight)) {
            throw new IllegalArgumentException("blendWeight must be a number (negative: chosen on validation)");
        }
        if (Double.isNaN(recency) || recency == 0 || recency > 1) {
            throw new IllegalArgumentException("recency must be in (0, 1] (negative: chosen on validation), got "
                    + recency);
        }
        if (embeddingInit == null) {
            throw new IllegalArgumentException("embeddingInit must be set");
        }
    }

    /**
     * The study's settings for its network: 64-wide embeddings, 147-64-32-1 with ReLU and dropout 0.3, Adam 1e-3,
     * MSE, 15 epochs, batch 64 (the study gave none; the common PyTorch choice), DL4J's default initialisation;
     * lists ordered by predicted rating. The user's 64 values come from the history as in every variant here.
     */
    public static ModelConfig study() {
        return new ModelConfig("study", 64, 64, 32, 0.3, 0.3, 1e-3, 1.0, 64, 15, 0, false, EmbeddingInit.XAVIER,
                0.0, 0.0, 0.0, false, 0, 1, 5, false, 64, 0.5, 3e-3, 64, 60, 1e-4, 0.5, 0, 1, 100, 42L);
    }

    /**
     * The tuned default: the study's network plus bias terms, a weighted dot-product term, L2, Adam at 5e-3 on
     * minibatches of 2,048, weight averaging from epoch 8, two such networks averaged; and the ranking network (a
     * denoising autoencoder of the user's rated movies with a softmax over the catalogue) that orders the lists.
     * Chosen on validation data, never on a test part.
     */
    public static ModelConfig defaults() {
        return new ModelConfig("default", 64, 64, 32, 0.3, 0.1, 8e-3, 1.0, 4096, 15, 3, true, EmbeddingInit.XAVIER,
                3e-4, 0.0, 1e-4, true, 8, 2, 5, true, 64, 0.25, 6e-3, 128, 60, 1e-4, 0.5, -1, -1, 1000, 42L);
    }

    /** A named configuration: study or default. */
    public static ModelConfig named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "study" -> study();
            case "default", "defaults" -> defaults();
            default -> throw new IllegalArgumentException("unknown config '" + name + "' (expected study or default)");
        };
    }

    public ModelConfig withEpochs(int newEpochs) {
        return with(Map.of("epochs", Integer.toString(newEpochs)));
    }

    public ModelConfig withSeed(long newSeed) {
        return with(Map.of("seed", Long.toString(newSeed)));
    }

    public ModelConfig withMembers(int newMembers) {
        return with(Map.of("members", Integer.toString(newMembers)));
    }

    /** The configuration of rating network {@code index} (from 0) of an ensemble: one network, seeded seed + index. */
    public ModelConfig member(int index) {
        if (index < 0 || index >= members) {
            throw new IllegalArgumentException("member " + index + " of " + members);
        }
        return with(Map.of("members", "1", "seed", Long.toString(seed + index)));
    }

    /** A copy with some keys of {@link #toMap()} replaced, for experiments and overrides; an unknown key is refused. */
    public ModelConfig with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(toMap());
        for (String key : overrides.keySet()) {
            if (!merged.containsKey(key)) {
                throw new IllegalArgumentException("unknown hyperparameter '" + key + "' (known: "
                        + String.join(", ", merged.keySet()) + ")");
            }
        }
        merged.putAll(overrides);
        return fromMap(merged);
    }

    /**
     * Whether a model trained with {@code other} has this configuration's layers and shapes, so that its weights can
     * warm-start this one (learning settings, seed and member count may differ).
     */
    public boolean sameArchitecture(ModelConfig other) {
        return embeddingSize == other.embeddingSize && hidden1 == other.hidden1 && hidden2 == other.hidden2
                && biasTerms == other.biasTerms && dotTerm == other.dotTerm && ranking == other.ranking
                && rankingWidth == other.rankingWidth;
    }

    /** The architecture in short, such as {@code 64/64/32+bias+dot, ranking 64}, for messages. */
    public String architecture() {
        return embeddingSize + "/" + hidden1 + "/" + hidden2 + (biasTerms ? "+bias" : "") + (dotTerm ? "+dot" : "")
                + (ranking ? ", ranking " + rankingWidth : "");
    }

    /** Width of the first dense layer's input: the user vector, the movie embedding and the genre flags. */
    public int featureWidth() {
        return 2 * embeddingSize + GenreFeatures.WIDTH;
    }

    /** Whether the blend weight is chosen on validation data at each training rather than fixed. */
    public boolean blendChosen() {
        return blendWeight < 0;
    }

    /** Whether the recency is chosen on validation data at each training rather than fixed. */
    public boolean recencyChosen() {
        return recency < 0;
    }

    /** Snake-case keys, as the ModelUpdate's hyperparameters carry them. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("variant", variant);
        map.put("embedding_size", Integer.toString(embeddingSize));
        map.put("hidden1", Integer.toString(hidden1));
        map.put("hidden2", Integer.toString(hidden2));
        map.put("dropout", Double.toString(dropout));
        map.put("embedding_dropout", Double.toString(embeddingDropout));
        map.put("learning_rate", Double.toString(learningRate));
        map.put("learning_rate_decay", Double.toString(learningRateDecay));
        map.put("batch_size", Integer.toString(batchSize));
        map.put("epochs", Integer.toString(epochs));
        map.put("patience", Integer.toString(patience));
        map.put("bias_terms", Boolean.toString(biasTerms));
        map.put("embedding_init", embeddingInit.name().toLowerCase(Locale.ROOT));
        map.put("embedding_l2", Double.toString(embeddingL2));
        map.put("dense_l2", Double.toString(denseL2));
        map.put("bias_l2", Double.toString(biasL2));
        map.put("dot_term", Boolean.toString(dotTerm));
        map.put("average_from", Integer.toString(averageFrom));
        map.put("members", Integer.toString(members));
        map.put("bias_shrinkage", Double.toString(biasShrinkage));
        map.put("ranking", Boolean.toString(ranking));
        map.put("ranking_width", Integer.toString(rankingWidth));
        map.put("ranking_dropout", Double.toString(rankingDropout));
        map.put("ranking_learning_rate", Double.toString(rankingLearningRate));
        map.put("ranking_batch_size", Integer.toString(rankingBatchSize));
        map.put("ranking_epochs", Integer.toString(rankingEpochs));
        map.put("ranking_l2", Double.toString(rankingL2));
        map.put("low_rating_weight", Double.toString(lowRatingWeight));
        map.put("blend_weight", Double.toString(blendWeight));
        map.put("recency", Double.toString(recency));
        map.put("candidates", Integer.toString(candidates));
        map.put("seed", Long.toString(seed));
        return map;
    }

    /** The inverse of {@link #toMap()}; a missing key takes the default's value, except members (1 when missing). */
    public static ModelConfig fromMap(Map<String, String> map) {
        ModelConfig d = defaults();
        try {
            return new ModelConfig(
                    map.getOrDefault("variant", d.variant),
                    intOf(map, "embedding_size", d.embeddingSize),
                    intOf(map, "hidden1", d.hidden1),
                    intOf(map, "hidden2", d.hidden2),
                    doubleOf(map, "dropout", d.dropout),
                    doubleOf(map, "embedding_dropout", d.embeddingDropout),
                    doubleOf(map, "learning_rate", d.learningRate),
                    doubleOf(map, "learning_rate_decay", d.learningRateDecay),
                    intOf(map, "batch_size", d.batchSize),
                    intOf(map, "epochs", d.epochs),
                    intOf(map, "patience", d.patience),
                    booleanOf(map, "bias_terms", d.biasTerms),
                    EmbeddingInit.valueOf(map.getOrDefault("embedding_init", d.embeddingInit.name())
                            .toUpperCase(Locale.ROOT)),
                    doubleOf(map, "embedding_l2", d.embeddingL2),
                    doubleOf(map, "dense_l2", d.denseL2),
                    doubleOf(map, "bias_l2", d.biasL2),
                    booleanOf(map, "dot_term", d.dotTerm),
                    intOf(map, "average_from", d.averageFrom),
                    intOf(map, "members", 1),
                    doubleOf(map, "bias_shrinkage", d.biasShrinkage),
                    booleanOf(map, "ranking", d.ranking),
                    intOf(map, "ranking_width", d.rankingWidth),
                    doubleOf(map, "ranking_dropout", d.rankingDropout),
                    doubleOf(map, "ranking_learning_rate", d.rankingLearningRate),
                    intOf(map, "ranking_batch_size", d.rankingBatchSize),
                    intOf(map, "ranking_epochs", d.rankingEpochs),
                    doubleOf(map, "ranking_l2", d.rankingL2),
                    doubleOf(map, "low_rating_weight", d.lowRatingWeight),
                    doubleOf(map, "blend_weight", d.blendWeight),
                    // a model published before recency existed weighed by rating only
                    doubleOf(map, "recency", 1),
                    intOf(map, "candidates", d.candidates),
                    Long.parseLong(map.getOrDefault("seed", Long.toString(d.seed)).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad hyperparameter value: " + e.getMessage(), e);
        }
    }

    private static int intOf(Map<String, String> map, String key, int fallback) {
        String value = map.get(key);
        return value == null ? fallback : Integer.parseInt(value.trim());
    }

    private static double doubleOf(Map<String, String> map, String key, double fallback) {
        String value = map.get(key);
        return value == null ? fallback : Double.parseDouble(value.trim());
    }

    private static boolean booleanOf(Map<String, String> map, String key, boolean fallback) {
        String value = map.get(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("bad hyperparameter value: " + key + "=" + value
                    + " (expected true or false)");
        };
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    private static void requireProbability(String name, double value) {
        if (!(value >= 0) || value >= 1) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
    }
}
