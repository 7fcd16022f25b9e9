package dev.recsys.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;
import java.util.Set;

/**
 * Copies an earlier model's weights into a freshly built, possibly larger, graph. Known rows keep their weights;
 * rows of ids the earlier model had not seen start from its cold-start row (the mean), a better start than noise.
 */
final class WarmStart {
    private static final Set<String> TABLES = Set.of(ModelFactory.USER_EMBEDDING, ModelFactory.MOVIE_EMBEDDING,
            ModelFactory.USER_BIAS, ModelFactory.MOVIE_BIAS, ModelFactory.USER_FEATURES);

    private WarmStart() {
    }

    static void copyWeights(HybridModel from, ComputationGraph to, ModelConfig config) {
        ModelConfig old = from.config();
        if (!old.sameArchitecture(config)) {
            throw new IllegalArgumentException("cannot warm-start a " + config.architecture() + " model from a "
                    + old.architecture() + " one");
        }
        for (Layer target : to.getLayers()) {
            String name = target.conf().getLayer().getLayerName();
            Layer source = from.graph().getLayer(name);
            for (Map.Entry<String, INDArray> param : target.paramTable().entrySet()) {
                INDArray src = source.getParam(param.getKey());
                if (TABLES.contains(name)) {
                    copyTable(src, param.getValue());
                } else {
                    param.getValue().assign(src);
                }
            }
        }
    }

    private static void copyTable(INDArray src, INDArray dst) {
        long known = src.rows() - 1;  // the source's last row is its cold-start row
        dst.get(NDArrayIndex.interval(0, known), NDArrayIndex.all())
                .assign(src.get(NDArrayIndex.interval(0, known), NDArrayIndex.all()));
        INDArray cold = src.getRow(known);
        for (long row = known; row < dst.rows(); row++) {
            dst.getRow(row).assign(cold);
        }
    }
}
