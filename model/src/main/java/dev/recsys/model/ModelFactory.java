package dev.recsys.model;

import dev.recsys.model.layers.HistoryPooling;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Builds the two networks, seeded.
 *
 * <p>The rating network is the study's, its user embedding replaced by a vector read from the user's history:
 * <pre>
 * history tokens -> history pooling (64, + user bias) -> dropout --+
 * movie row -> embedding(64) -> dropout ---------------------------+-> merge(147) -> dense 64 ReLU -> dropout
 * genres(19) ------------------------------------------------------+      -> dense 32 ReLU -> dropout -> dense 1
 * </pre>
 * With bias terms, the user bias (from the history) and a movie bias are added to the last layer's output, whose own
 * bias starts at the global mean rating; with the dot term, a weighted dot product of the user vector and the movie
 * embedding too. An ensemble ({@code members > 1}) holds that network several times side by side on the same inputs
 * (member k's layers named by {@link #member}) and outputs the mean of their predictions. The movie tables have one
 * row more than the id map: the cold-start row (see {@link HybridModel}).
 *
 * <p>The ranking network scores every movie of the catalogue for a user from the movies they rated (a denoising
 * autoencoder with a multinomial likelihood, as Liang et al.'s Mult-DAE, WWW 2018):
 * <pre>
 * rated movies (weighted, L2-normalised, dropped out in training) -> dense W tanh -> dense movies softmax
 * </pre>
 */
public final class ModelFactory {
    public static final String HISTORY_INPUT = "history";
    public static final String MOVIE_INPUT = "movie";
    public static final String GENRE_INPUT = "genres";
    public static final String HISTORY_POOL = "history_pool";
    public static final String MOVIE_EMBEDDING = "movie_embedding";
    public static final String MOVIE_BIAS = "movie_bias";
    public static final String HIDDEN1 = "hidden1";
    public static final String HIDDEN2 = "hidden2";
    /** The last dense layer (32 -> 1); it is the output layer when there are no bias terms. */
    public static final String SCORE = "score";
    /** The weighted dot product of the user vector and the movie embedding (E -> 1, no bias), with the dot term. */
    public static final String DOT = "dot";
    /** The average of the members' predictions, in an ensemble. */
    public static final String ENSEMBLE = "ensemble";
    public static final String OUTPUT = "rating";
    /** The ranking network's layers, by index. */
    public static final int RANKING_ENCODER = 0;
    public static final int RANKING_OUTPUT = 1;

    private ModelFactory() {
    }

    /**
     * A freshly initialised rating network.
     *
     * @param movieRows  rows of the movie tables, the cold-start row included
     * @param meanRating where the output bias starts when the config has bias terms
     */
    public static ComputationGraph rating(ModelConfig config, int movieRows, double meanRating) {
        ComputationGraph graph = new ComputationGraph(ratingConfiguration(config, movieRows));
        graph.init();
        if (config.biasTerms()) {
            for (int k = 0; k < config.members(); k++) {
                graph.getLayer(member(SCORE, k)).getParam("b").assign(meanRating);
            }
        }
        return graph;
    }

    public static ComputationGraphConfiguration ratingConfiguration(ModelConfig config, int movieRows) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .updater(adam(config))
                .weightInit(WeightInit.XAVIER)
                // workspaces reuse off-heap buffers between iterations instead of allocating per minibatch
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder()
                .addInputs(HISTORY_INPUT, MOVIE_INPUT, GENRE_INPUT);
        if (!config.biasTerms()) {
            addPlainNetwork(g, config, movieRows);
            return g.setOutputs(SCORE).build();
        }
        String[] sums = new String[config.members()];
        for (int k = 0; k < sums.length; k++) {
            sums[k] = addMember(g, config, k, movieRows);
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

    /** A freshly initialised ranking network over {@code movies} movies (no cold-start row: it ranks known ones). */
    public static MultiLayerNetwork ranking(ModelConfig config, int movies) {
        double retain = 1.0 - config.rankingDropout();
        DenseLayer.Builder encoder = new DenseLayer.Builder().nIn(movies).nOut(config.rankingWidth())
                .activation(Activation.TANH);
        if (retain < 1) {
            // DL4J drops a layer's input: here the user's rated movies, which the network learns to restore
            encoder.dropOut(retain);
        }
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(config.rankingLearningRate()))
                .weightInit(WeightInit.XAVIER)
                .l2(config.rankingL2())
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(RANKING_ENCODER, encoder.build())
                // softmax cross-entropy against the user's normalised ratings: a multinomial likelihood
                .layer(RANKING_OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(config.rankingWidth()).nOut(movies).activation(Activation.SOFTMAX).build())
                .build());
        network.init();
        return network;
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
                                        int movieRows) {
        String[] features = addFeatures(g, config, 0, movieRows);
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
                                    int movieRows) {
        String[] features = addFeatures(g, config, k, movieRows);
        double retain = 1.0 - config.dropout();
        int e = config.embeddingSize();
        g.addLayer(member(SCORE, k), dense(config, config.hidden2(), 1, Activation.IDENTITY, retain), features[2])
                .addVertex(member("user_bias", k), new SubsetVertex(e, e), member(HISTORY_POOL, k))
                .addLayer(member(MOVIE_BIAS, k), biasEmbedding(config, movieRows), MOVIE_INPUT);
        String[] terms = {member(SCORE, k), member("user_bias", k), member(MOVIE_BIAS, k)};
        if (config.dotTerm()) {
            // shares the (dropped-out) vectors with the MLP: separate GMF tables and undropped vectors both
            // validated worse
            g.addVertex(member("product", k), new ElementWiseVertex(ElementWiseVertex.Op.Product), features[0],
                            features[1])
                    .addLayer(member(DOT, k), new DenseLayer.Builder().nIn(e).nOut(1)
                            .hasBias(false).activation(Activation.IDENTITY).l2(config.denseL2()).build(),
                            member("product", k));
            terms = new String[] {member(SCORE, k), member("user_bias", k), member(MOVIE_BIAS, k), member(DOT, k)};
        }
        g.addVertex(member("sum", k), new ElementWiseVertex(ElementWiseVertex.Op.Add), terms);
        return member("sum", k);
    }

    /**
     * Member k's user vector and movie embedding (dropped out), their merge with the genre flags and the two hidden
     * layers; returns {user vector, movie features, last hidden layer}.
     */
    private static String[] addFeatures(ComputationGraphConfiguration.GraphBuilder g, ModelConfig config, int k,
                                        int movieRows) {
        int e = config.embeddingSize();
        double retain = 1.0 - config.dropout();
        g.addLayer(member(HISTORY_POOL, k), new HistoryPooling.Builder()
                        .tokens(HistoryTokens.tableRows(movieRows)).width(e).biasColumn(config.biasTerms())
                        .biasShrinkage(config.biasShrinkage()).l2(config.embeddingL2()).build(), HISTORY_INPUT)
                .addLayer(member(MOVIE_EMBEDDING, k), embedding(config, movieRows, e), MOVIE_INPUT);
        String userVector = member(HISTORY_POOL, k);
        if (config.biasTerms()) {
            g.addVertex(member("user_vector", k), new SubsetVertex(0, e - 1), userVector);
            userVector = member("user_vector", k);
        }
        String movieFeatures = member(MOVIE_EMBEDDING, k);
        if (config.embeddingDropout() > 0) {
            // PyTorch's Dropout(p) drops with probability p; DL4J's dropOut(x) RETAINS with probability x
            double keep = 1.0 - config.embeddingDropout();
            g.addLayer(member("user_dropout", k), new DropoutLayer.Builder(keep).build(), userVector);
            g.addLayer(member("movie_dropout", k), new DropoutLayer.Builder(keep).build(), movieFeatures);
            userVector = member("user_dropout", k);
            movieFeatures = member("movie_dropout", k);
        }
        g.addVertex(member("features", k), new MergeVertex(), userVector, movieFeatures, GENRE_INPUT)
                .addLayer(member(HIDDEN1, k), dense(config, config.featureWidth(), config.hidden1(), Activation.RELU,
                        0), member("features", k))
                .addLayer(member(HIDDEN2, k), dense(config, config.hidden1(), config.hidden2(), Activation.RELU,
                        retain), member(HIDDEN1, k));
        return new String[] {userVector, movieFeatures, member(HIDDEN2, k)};
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
