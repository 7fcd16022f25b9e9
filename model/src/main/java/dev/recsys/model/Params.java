package dev.recsys.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reads a layer's parameters into Java arrays (row-major, whatever order DL4J keeps them in). */
final class Params {
    private Params() {
    }

    static INDArray param(ComputationGraph g, String layer, String key) {
        return g.getLayer(layer).getParam(key).castTo(DataType.FLOAT);
    }

    static float[][] matrix(ComputationGraph g, String layer, String key) {
        return param(g, layer, key).toFloatMatrix();
    }

    /** Row-major flattening of a matrix parameter. */
    static float[] flat(ComputationGraph g, String layer, String key) {
        INDArray p = param(g, layer, key);
        return p.dup('c').reshape(p.length()).toFloatVector();
    }

    static float[] vector(ComputationGraph g, String layer, String key) {
        INDArray p = param(g, layer, key);
        return p.dup('c').reshape(p.length()).toFloatVector();
    }

    /** Rows [from, to) of a matrix, flattened row-major. */
    static float[] rows(float[][] m, int from, int to) {
        int cols = m.length == 0 ? 0 : m[0].length;
        float[] out = new float[(to - from) * cols];
        for (int r = from; r < to; r++) {
            System.arraycopy(m[r], 0, out, (r - from) * cols, cols);
        }
        return out;
    }
}
