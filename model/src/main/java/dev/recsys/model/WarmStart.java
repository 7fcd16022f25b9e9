package dev.recsys.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;
import java.util.Set;

/**
 * Copies an earlier model's rating networks into freshly built, possibly larger, ones. The movie id map only grows, so
 * a known movie keeps its row; a new movie's rows start from the earlier cold-start row (the mean), a better start
 * than noise. The ranking network is not warm-started: it trains from scratch at every retrain (see ModelTrainer).
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
