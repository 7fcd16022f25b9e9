package dev.recsys.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Checks that a model's networks have the shapes its id map and config promise: a decoded model is not trusted. */
final class ModelShapes {
    private ModelShapes() {
    }

    static void check(HybridModel model) {
        ComputationGraph graph = model.rating();
        ModelConfig config = model.config();
        int movieRows = model.movies().size() + 1;
        int members = 1;
        while (graph.getVertex(ModelFactory.member(ModelFactory.HISTORY_POOL, members)) != null) {
            members++;
        }
        if (members != config.members()) {
            throw new IllegalArgumentException("the rating graph has " + members + " member network(s), the config's"
                    + " members=" + config.members());
        }
        for (int k = 0; k < members; k++) {
            long rows = param(graph, ModelFactory.member(ModelFactory.MOVIE_EMBEDDING, k)).rows();
            long width = param(graph, ModelFactory.member(ModelFactory.MOVIE_EMBEDDING, k)).columns();
            long tokens = param(graph, ModelFactory.member(ModelFactory.HISTORY_POOL, k)).rows();
            if (rows != movieRows || tokens != HistoryTokens.tableRows(movieRows)) {
                throw new IllegalArgumentException("movie tables (" + rows + " rows, " + tokens + " history rows) do"
                        + " not match the id map (" + model.movies().size() + " + 1 movies)");
            }
            if (width != config.embeddingSize()) {
                throw new IllegalArgumentException("embedding width " + width + " does not match the config's "
                        + config.embeddingSize());
            }
        }
        if ((graph.getVertex(ModelFactory.MOVIE_BIAS) != null) != config.biasTerms()) {
            throw new IllegalArgumentException("the graph's bias terms do not match the config's bias_terms="
                    + config.biasTerms());
        }
        if ((graph.getVertex(ModelFactory.DOT) != null) != config.dotTerm()) {
            throw new IllegalArgumentException("the graph's dot term does not match the config's dot_term="
                    + config.dotTerm());
        }
        MultiLayerNetwork ranking = model.ranking();
        if (ranking != null) {
            long in = ranking.getLayer(ModelFactory.RANKING_ENCODER).getParam("W").rows();
            long hidden = ranking.getLayer(ModelFactory.RANKING_ENCODER).getParam("W").columns();
            long out = ranking.getLayer(ModelFactory.RANKING_OUTPUT).getParam("W").columns();
            if (in != model.movies().size() || out != model.movies().size()) {
                throw new IllegalArgumentException("the ranking network has " + in + " inputs and " + out
                        + " outputs for " + model.movies().size() + " movies");
            }
            if (hidden != config.rankingWidth()) {
                throw new IllegalArgumentException("ranking width " + hidden + " does not match the config's "
                        + config.rankingWidth());
            }
        }
    }

    private static org.nd4j.linalg.api.ndarray.INDArray param(ComputationGraph graph, String layer) {
        return graph.getLayer(layer).getParam("W");
    }
}
