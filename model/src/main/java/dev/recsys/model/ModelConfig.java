package dev.recsys.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every hyperparameter of the hybrid model and its training.
 *
 * <p>{@link #study()} is the study's configuration, kept so its figures can be reproduced; {@link #defaults()}
 * is the configuration chosen on validation data (see the module README for the evidence).
 *
 * @param variant            a short name for reports and the ModelUpdate's hyperparameters
 * @param embeddingSize      user and movie embedding width
 * @param hidden1            width of the first hidden layer
 * @param hidden2            width of the second hidden layer
 * @param dropout            probability of DROPPING a unit (PyTorch's convention; DL4J takes 1 - dropout)
 * @param learningRate       Adam's initial learning rate
 * @param learningRateDecay  factor applied to the learning rate after each epoch (1 = constant)
 * @param batchSize          ratings per minibatch
 * @param epochs             maximum number of epochs
 * @param patience           stop after this many epochs without a better validation loss (0 = never stop early)
 * @param biasTerms          add a learned user bias, movie bias and a global offset to the network's output
 * @param embeddingInit      how embedding rows are drawn
 * @param embeddingL2        L2 coefficient on the embedding tables (0 = none)
 * @param denseL2            L2 coefficient on the dense layers' weights (0 = none)
 * @param biasL2             L2 coefficient on the user and movie bias tables (0 = none)
 * @param dotTerm            add a weighted dot product of the user and movie embeddings to the output, beside the
 *                           MLP (NeuMF's "GMF" path, sharing the embeddings); requires biasTerms
 * @param userFeatures       feed the user's demographics (age band, gender, occupation) to the first layer too
 * @param averageFrom        from this epoch on, keep the running average of the end-of-epoch weights and use it as
 *                           the model (stochastic weight averaging); 0 = off
 * @param members            how many copies of the network are trained independently (seeds seed, seed + 1, ...)
 *                           and averaged: an ensemble in one graph; 1 = a single network. More than one requires
 *                           biasTerms
 * @param seed               seeds initialisation, dropout and the shuffle order
 */
public record ModelConfig(String variant, int embeddingSize, int hidden1, int hidden2, double dropout,
                          double learningRate, double learningRateDecay, int batchSize, int epochs, int patience,
                          boolean biasTerms, EmbeddingInit embeddingInit, double embeddingL2, double denseL2,
                          double biasL2, boolean dotTerm, boolean userFeatures, int averageFrom,
                          int members, long seed) {

    /** How embedding tables are initialised. */
    public enum EmbeddingInit {
        /** DL4J's default for layers: Xavier. */
        XAVIER,
        /** PyTorch's nn.Embedding default: N(0, 1). */
        NORMAL,
        /** N(0, 0.01^2)-ish small values, as matrix factorisation usually starts. */
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
        if (members > 1 && !biasTerms) {
            throw new IllegalArgumentException("members > 1 requires bias_terms");
        }
        if (averageFrom < 0) {
            throw new IllegalArgumentException("averageFrom must be >= 0, got " + averageFrom);
        }
        if (epochs < 0 || patience < 0) {
            throw new IllegalArgumentException("epochs and patience must be >= 0, got " + epochs + " and " + patience);
        }
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(learningRate > 0) || !(learningRateDecay > 0) || learningRateDecay > 1) {
            throw new IllegalArgumentException("learningRate must be > 0 and learningRateDecay in (0, 1]");
        }
        if (dotTerm && !biasTerms) {
            throw new IllegalArgumentException("dot_term requires bias_terms");
        }
        if (embeddingL2 < 0 || denseL2 < 0 || biasL2 < 0) {
            throw new IllegalArgumentException("L2 coefficients must be >= 0");
        }
        if (embeddingInit == null) {
            throw new IllegalArgumentException("embeddingInit must be set");
        }
    }

    /**
     * The study's settings: 64-wide embeddings, 147-64-32-1 with ReLU and dropout 0.3, Adam 1e-3, MSE, 15 epochs.
     * The study gave no batch size; 64 is the common PyTorch choice. Initialisation is DL4J's default, as a
     * plain port gets it.
     */
    public static ModelConfig study() {
        return new ModelConfig("study", 64, 64, 32, 0.3, 1e-3, 1.0, 64, 15, 0, false, EmbeddingInit.XAVIER,
                0.0, 0.0, 0.0, false, false, 0, 1, 42L);
    }

    /**
     * The tuned default: the study's network plus bias terms, a weighted dot-product term, L2 on the embeddings and
     * biases, Adam at 5e-3 on minibatches of 1,024 and weight averaging from epoch 8; two such networks trained
     * independently (in parallel) and averaged. Chosen on u1's validation slice and, once that proved too small to
     * separate variants, on the u2 and u3 folds; never on u1.test.
     */
    public static ModelConfig defaults() {
        return new ModelConfig("default", 64, 64, 32, 0.3, 5e-3, 1.0, 1024, 15, 3, true, EmbeddingInit.XAVIER,
                3e-4, 0.0, 1e-4, true, false, 8, 2, 42L);
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

    /** The configuration of member {@code index} (from 0) of an ensemble: one network, seeded seed + index. */
    public ModelConfig member(int index) {
        if (index < 0 || index >= members) {
            throw new IllegalArgumentException("member " + index + " of " + members);
        }
        return with(Map.of("members", "1", "seed", Long.toString(seed + index)));
    }

    /** A copy with some keys of {@link #toMap()} replaced, for experiments and overrides. */
    public ModelConfig with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(toMap());
        merged.putAll(overrides);
        return fromMap(merged);
    }

    /**
     * Whether a model trained with {@code other} has this configuration's layers and shapes, so that its weights can
     * warm-start this one (learning settings, seed and member count may differ).
     */
    public boolean sameArchitecture(ModelConfig other) {
        return embeddingSize == other.embeddingSize && hidden1 == other.hidden1 && hidden2 == other.hidden2
                && biasTerms == other.biasTerms && dotTerm == other.dotTerm && userFeatures == other.userFeatures;
    }

    /** The architecture in short, such as {@code 64/64/32+bias+dot}, for messages. */
    public String architecture() {
        return embeddingSize + "/" + hidden1 + "/" + hidden2 + (biasTerms ? "+bias" : "") + (dotTerm ? "+dot" : "")
                + (userFeatures ? "+user features" : "");
    }

    /** Width of the first dense layer's input: both embeddings, the genre flags and any user features. */
    public int featureWidth() {
        return 2 * embeddingSize + GenreFeatures.WIDTH + (userFeatures ? UserFeatures.WIDTH : 0);
    }

    /** Snake-case keys, as the ModelUpdate's hyperparameters carry them. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("variant", variant);
        map.put("embedding_size", Integer.toString(embeddingSize));
        map.put("hidden1", Integer.toString(hidden1));
        map.put("hidden2", Integer.toString(hidden2));
        map.put("dropout", Double.toString(dropout));
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
        map.put("user_features", Boolean.toString(userFeatures));
        map.put("average_from", Integer.toString(averageFrom));
        map.put("members", Integer.toString(members));
        map.put("seed", Long.toString(seed));
        return map;
    }

    /**
     * The inverse of {@link #toMap()}; a missing key takes the default's value, except {@code members}, which is 1
     * when missing: models published before ensembles carry no such key and are single networks.
     */
    public static ModelConfig fromMap(Map<String, String> map) {
        ModelConfig d = defaults();
        try {
            return new ModelConfig(
                    map.getOrDefault("variant", d.variant),
                    intOf(map, "embedding_size", d.embeddingSize),
                    intOf(map, "hidden1", d.hidden1),
                    intOf(map, "hidden2", d.hidden2),
                    doubleOf(map, "dropout", d.dropout),
                    doubleOf(map, "learning_rate", d.learningRate),
                    doubleOf(map, "learning_rate_decay", d.learningRateDecay),
                    intOf(map, "batch_size", d.batchSize),
                    intOf(map, "epochs", d.epochs),
                    intOf(map, "patience", d.patience),
                    Boolean.parseBoolean(map.getOrDefault("bias_terms", Boolean.toString(d.biasTerms))),
                    EmbeddingInit.valueOf(map.getOrDefault("embedding_init", d.embeddingInit.name())
                            .toUpperCase(Locale.ROOT)),
                    doubleOf(map, "embedding_l2", d.embeddingL2),
                    doubleOf(map, "dense_l2", d.denseL2),
                    doubleOf(map, "bias_l2", d.biasL2),
                    Boolean.parseBoolean(map.getOrDefault("dot_term", Boolean.toString(d.dotTerm))),
                    Boolean.parseBoolean(map.getOrDefault("user_features", Boolean.toString(d.userFeatures))),
                    intOf(map, "average_from", d.averageFrom),
                    intOf(map, "members", 1),
                    Long.parseLong(map.getOrDefault("seed", Long.toString(d.seed))));
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

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }
}
