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
        return matrix(param(g, layer, key));
    }

    /**
     * A matrix as rows of Java arrays, copied out in one piece: ND4J's toFloatMatrix copies row by row, which took
     * seconds for the tables of a catalogue of tens of thousands of movies.
     */
    static float[][] matrix(INDArray p) {
        int rows = (int) p.rows();
        int cols = (int) p.columns();
        float[] all = flat(p);
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = java.util.Arrays.copyOfRange(all, r * cols, (r + 1) * cols);
        }
        return out;
    }

    /** Row-major flattening of a matrix parameter. */
    static float[] flat(ComputationGraph g, String layer, String key) {
        return flat(param(g, layer, key));
    }

    static float[] vector(ComputationGraph g, String layer, String key) {
        return flat(param(g, layer, key));
    }

    /** Row-major flattening of any parameter (a vector stays as it is). */
    static float[] flat(INDArray p) {
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
