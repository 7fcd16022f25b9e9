package dev.recsys.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the hybrid network as a DL4J ComputationGraph, seeded.
 *
 * <pre>
 * user row  -> embedding(64) -> dropout --+
 * movie row -> embedding(64) -> dropout --+-> merge(147) -> dense 64 ReLU -> dropout -> dense 32 ReLU -> dropout -> dense 1
 * genres(19) -----------------------------+
 * </pre>
 *
 * With bias terms, a user bias and a movie bias (1-wide embeddings) are added to the last layer's output, whose
 * own bias starts at the global mean rating. An ensemble ({@code members > 1}) holds that network several times
 * side by side on the same inputs (member k's layers named by {@link #member}) and outputs the mean of their
 * predictions; the members are trained apart (see ModelTrainer) and put together afterwards. Each embedding table
 * has one row more than its id map: the last row is the cold-start row (see {@link HybridModel}).
 */
public final class ModelFactory {
    public static final String USER_INPUT = "user";
    public static final String MOVIE_INPUT = "movie";
    public static final String GENRE_INPUT = "genres";
    public static final String USER_EMBEDDING = "user_embedding";
    public static final String MOVIE_EMBEDDING = "movie_embedding";
    public static final String USER_BIAS = "user_bias";
    public static final String MOVIE_BIAS = "movie_bias";
    public static final String HIDDEN1 = "hidden1";
    public static final String HIDDEN2 = "hidden2";
    /** The last dense layer (32 -> 1); it is the output layer when there are no bias terms. */
    public static final String SCORE = "score";
    /** The weighted dot product of the embeddings (E -> 1, no bias), when the config has the dot term. */
    public static final String DOT = "dot";
    /** A frozen table of each user's demographics (see UserFeatures), when the config has user features. */
    public static final String USER_FEATURES = "user_features";
    /** The average of the members' predictions, in an ensemble. */
    public static final String ENSEMBLE = "ensemble";
    public static final String OUTPUT = "rating";

    private ModelFactory() {
    }

    /**
     * A freshly initialised network.
     *
     * @param userRows   rows of the user embedding, the cold-start row included
     * @param movieRows  rows of the movie embedding, the cold-start row included
     * @param meanRating where the output bias starts when the config has bias terms
     */
    public static ComputationGraph create(ModelConfig config, int userRows, int movieRows, double meanRating) {
        ComputationGraph graph = new ComputationGraph(configuration(config, userRows, movieRows));
        graph.init();
        if (config.biasTerms()) {
            for (int k = 0; k < config.members(); k++) {
                graph.getLayer(member(SCORE, k)).getParam("b").assign(meanRating);
            }
        }
        return graph;
    }

    public static ComputationGraphConfiguration configuration(ModelConfig config, int userRows, int movieRows) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .updater(adam(config))
                .weightInit(WeightInit.XAVIER)
                // workspaces reuse off-heap buffers between iterations instead of allocating per minibatch
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder()
                .addInputs(USER_INPUT, MOVIE_INPUT, GENRE_INPUT);
        if (!config.biasTerms()) {
            addPlainNetwork(g, config, userRows, movieRows);
            return g.setOutputs(SCORE).build();
        }
        String[] sums = new String[config.members()];
        for (int k = 0; k < sums.length; k++) {
            sums[k] = addMember(g, config, k, userRows, movieRows);
        }
        String prediction = sums[0];
        if (sums.length > 1) {
            g.addVertex(ENSEMBLE, new ElementWiseVertex(ElementWiseVertex.Op.Average), sums);
            prediction = ENSEMBLE;
        }
        g.addLayer(OUTPUT, new LossLayer.Builder(LossFunctions.LossFunction.MSE)
                .activation(Activation.IDENTITY).build(), prediction);
        return g.setOutputs(OUTPUT).build();
    }

    /**
     * The name of a layer or vertex of ensemble member {@code index} (from 0): member 0 has the plain names, so a
     * single network's graph is the same with or without ensembles; member k > 0 prefixes them with "m{k+1}_".
     */
    public static String member(String name, int index) {
        return index == 0 ? name : "m" + (index + 1) + "_" + name;
    }

    /** The study's network: no bias terms, the last dense layer is the output layer. */
    private static void addPlainNetwork(ComputationGraphConfiguration.GraphBuilder g, ModelConfig config,
                                        int userRows, int movieRows) {
        String[] features = addFeatures(g, config, 0, userRows, movieRows);
        double retain = 1.0 - config.dropout();
        OutputLayer.Builder out = new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .nIn(config.hidden2()).nOut(1).activation(Activation.IDENTITY);
        if (retain < 1) {
            out.dropOut(retain);
        }
        g.addLayer(SCORE, out.l2(config.denseL2()).build(), features[2]);
    }

    /** One member with bias terms; returns the name of the vertex that sums its terms (its predicted rating). */
    private static String addMember(ComputationGraphConfiguration.GraphBuilder g, ModelConfig config, int k,
                                    int userRows, int movieRows) {
        String[] features = addFeatures(g, config, k, userRows, movieRows);
        double retain = 1.0 - config.dropout();
        g.addLayer(member(SCORE, k), dense(config, config.hidden2(), 1, Activation.IDENTITY, retain), features[2])
                .addLayer(member(USER_BIAS, k), biasEmbedding(config, userRows), USER_INPUT)
                .addLayer(member(MOVIE_BIAS, k), biasEmbedding(config, movieRows), MOVIE_INPUT);
        String[] terms = {member(SCORE, k), member(USER_BIAS, k), member(MOVIE_BIAS, k)};
        if (config.dotTerm()) {
            // shares the (dropped-out) embeddings with the MLP: separate GMF tables and undropped
            // embeddings both validated worse
            g.addVertex(member("product", k), new ElementWiseVertex(ElementWiseVertex.Op.Product), features[0],
                            features[1])
                    .addLayer(member(DOT, k), new DenseLayer.Builder().nIn(config.embeddingSize()).nOut(1)
                            .hasBias(false).activation(Activation.IDENTITY).l2(config.denseL2()).build(),
                            member("product", k));
            terms = new String[] {member(SCORE, k), member(USER_BIAS, k), member(MOVIE_BIAS, k), member(DOT, k)};
        }
        g.addVertex(member("sum", k), new ElementWiseVertex(ElementWiseVertex.Op.Add), terms);
        return member("sum", k);
    }

    /**
     * Member k's embeddings (dropped out), their merge with the genre flags (and user features) and the two hidden
     * layers; returns {user features, movie features, last hidden layer}.
     */
    private static String[] addFeatures(ComputationGraphConfiguration.GraphBuilder g, ModelConfig config, int k,
                                        int userRows, int movieRows) {
        double retain = 1.0 - config.dropout();
        g.addLayer(member(USER_EMBEDDING, k), embedding(config, userRows, config.embeddingSize()), USER_INPUT)
                .addLayer(member(MOVIE_EMBEDDING, k), embedding(config, movieRows, config.embeddingSize()),
                        MOVIE_INPUT);
        String userFeatures = member(USER_EMBEDDING, k);
        String movieFeatures = member(MOVIE_EMBEDDING, k);
        if (config.dropout() > 0) {
            // PyTorch's Dropout(p) drops with probability p; DL4J's dropOut(x) RETAINS with probability x
            g.addLayer(member("user_dropout", k), new DropoutLayer.Builder(retain).build(), userFeatures);
            g.addLayer(member("movie_dropout", k), new DropoutLayer.Builder(retain).build(), movieFeatures);
            userFeatures = member("user_dropout", k);
            movieFeatures = member("movie_dropout", k);
        }
        String[] merged = {userFeatures, movieFeatures, GENRE_INPUT};
        if (config.userFeatures()) {
            // not trained: the rows are the users' demographics, written by the trainer. A learning rate of 0
            // freezes them (DL4J's NoOp updater would apply the raw gradient instead)
            g.addLayer(member(USER_FEATURES, k), new EmbeddingLayer.Builder().nIn(userRows)
                    .nOut(UserFeatures.WIDTH).hasBias(false).activation(Activation.IDENTITY)
                    .weightInit(WeightInit.ZERO).updater(new Sgd(0.0)).build(), USER_INPUT);
            merged = new String[] {userFeatures, movieFeatures, GENRE_INPUT, member(USER_FEATURES, k)};
        }
        g.addVertex(member("features", k), new MergeVertex(), merged)
                .addLayer(member(HIDDEN1, k), dense(config, config.featureWidth(), config.hidden1(), Activation.RELU,
                        0), member("features", k))
                .addLayer(member(HIDDEN2, k), dense(config, config.hidden1(), config.hidden2(), Activation.RELU,
                        retain), member(HIDDEN1, k));
        return new String[] {userFeatures, movieFeatures, member(HIDDEN2, k)};
    }

    /** The name of the layer whose output is the predicted rating. */
    public static String outputName(ModelConfig config) {
        return config.biasTerms() ? OUTPUT : SCORE;
    }

    /** Adam at the config's learning rate, decayed by its factor once per epoch. */
    private static Adam adam(ModelConfig config) {
        if (config.learningRateDecay() == 1.0) {
            return new Adam(config.learningRate());
        }
        return new Adam(new ExponentialSchedule(ScheduleType.EPOCH, config.learningRate(),
                config.learningRateDecay()));
    }

    private static EmbeddingLayer embedding(ModelConfig config, int rows, int width) {
        return new EmbeddingLayer.Builder().nIn(rows).nOut(width).hasBias(false)
                .activation(Activation.IDENTITY)
                .weightInit(embeddingInit(config.embeddingInit()))
                .l2(config.embeddingL2())
                .build();
    }

    private static EmbeddingLayer biasEmbedding(ModelConfig config, int rows) {
        return new EmbeddingLayer.Builder().nIn(rows).nOut(1).hasBias(false)
                .activation(Activation.IDENTITY)
                .weightInit(WeightInit.ZERO)
                .l2(config.biasL2())
                .build();
    }

    private static DenseLayer dense(ModelConfig config, int nIn, int nOut, Activation activation, double retain) {
        DenseLayer.Builder b = new DenseLayer.Builder().nIn(nIn).nOut(nOut).activation(activation)
                .l2(config.denseL2());
        if (retain > 0 && retain < 1) {
            b.dropOut(retain);
        }
        return b.build();
    }

    private static IWeightInit embeddingInit(ModelConfig.EmbeddingInit init) {
        return switch (init) {
            case XAVIER -> WeightInit.XAVIER.getWeightInitFunction();
            case NORMAL -> new WeightInitDistribution(new NormalDistribution(0, 1));
            case SMALL -> new WeightInitDistribution(new NormalDistribution(0, 0.1));
        };
    }
}
