package dev.recsys.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;
import java.util.Set;

/**
 * Copies an earlier model's weights into freshly built, possibly larger, networks. The movie id map only grows, so a
 * known movie keeps its row. In the rating network a new movie's rows start from the earlier cold-start row (the
 * mean), a better start than noise; in the ranking network a new movie's input weights start at zero (no effect on
 * the users who rated it until it is trained) and its output weights at the mean of the known movies'.
 */
final class WarmStart {
    private static final Set<String> MOVIE_TABLES = Set.of(ModelFactory.MOVIE_EMBEDDING, ModelFactory.MOVIE_BIAS);

    private WarmStart() {
    }

    static void copyRating(HybridModel from, ComputationGraph to, ModelConfig config) {
        requireSameArchitecture(from.config(), config);
        for (Layer target : to.getLayers()) {
            String name = target.conf().getLayer().getLayerName();
            Layer source = from.rating().getLayer(name);
            for (Map.Entry<String, INDArray> param : target.paramTable().entrySet()) {
                INDArray src = source.getParam(param.getKey());
                if (MOVIE_TABLES.contains(name)) {
                    copyRows(src, param.getValue(), 1);
                } else if (name.equals(ModelFactory.HISTORY_POOL)) {
                    copyRows(src, param.getValue(), HistoryTokens.BANDS);
                } else {
                    param.getValue().assign(src);
                }
            }
        }
    }

    static void copyRanking(HybridModel from, MultiLayerNetwork to, ModelConfig config) {
        requireSameArchitecture(from.config(), config);
        MultiLayerNetwork source = from.ranking();
        if (source == null) {
            return;
        }
        int known = from.movies().size();
        INDArray encoder = to.getLayer(ModelFactory.RANKING_ENCODER).getParam("W");
        encoder.assign(0);
        encoder.get(NDArrayIndex.interval(0, known), NDArrayIndex.all())
                .assign(source.getLayer(ModelFactory.RANKING_ENCODER).getParam("W"));
        to.getLayer(ModelFactory.RANKING_ENCODER).getParam("b")
                .assign(source.getLayer(ModelFactory.RANKING_ENCODER).getParam("b"));
        INDArray srcWeights = source.getLayer(ModelFactory.RANKING_OUTPUT).getParam("W");
        INDArray dstWeights = to.getLayer(ModelFactory.RANKING_OUTPUT).getParam("W");
        INDArray meanColumn = srcWeights.mean(true, 1);
        dstWeights.get(NDArrayIndex.all(), NDArrayIndex.interval(0, known)).assign(srcWeights);
        for (long col = known; col < dstWeights.columns(); col++) {
            dstWeights.getColumn(col).assign(meanColumn);
        }
        // the bias is a vector over the movies (rank 1 or a row, as DL4J keeps it)
        INDArray srcBias = source.getLayer(ModelFactory.RANKING_OUTPUT).getParam("b").reshape(known);
        INDArray dstBias = to.getLayer(ModelFactory.RANKING_OUTPUT).getParam("b");
        INDArray flatBias = dstBias.reshape(dstBias.length());
        flatBias.get(NDArrayIndex.interval(0, known)).assign(srcBias);
        if (dstBias.length() > known) {
            flatBias.get(NDArrayIndex.interval(known, dstBias.length())).assign(srcBias.meanNumber());
        }
        dstBias.assign(flatBias.reshape(dstBias.shape()));
    }

    private static void requireSameArchitecture(ModelConfig old, ModelConfig config) {
        if (!old.sameArchitecture(config)) {
            throw new IllegalArgumentException("cannot warm-start a " + config.architecture() + " model from a "
                    + old.architecture() + " one");
        }
    }

    /**
     * Rows of a movie table, {@code perMovie} rows per movie, the source's last movie being its cold-start row: known
     * movies' rows are copied, the rest (new movies and the new cold-start row) start from the source's cold rows.
     */
    private static void copyRows(INDArray src, INDArray dst, int perMovie) {
        long known = src.rows() - perMovie;
        dst.get(NDArrayIndex.interval(0, known), NDArrayIndex.all())
                .assign(src.get(NDArrayIndex.interval(0, known), NDArrayIndex.all()));
        for (long row = known; row < dst.rows(); row++) {
            dst.getRow(row).assign(src.getRow(known + (row - known) % perMovie));
        }
    }
}
