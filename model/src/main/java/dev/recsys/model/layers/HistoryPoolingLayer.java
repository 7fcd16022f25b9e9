package dev.recsys.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The implementation of {@link HistoryPooling}: sums per group in plain arrays, one gather and one scatter. */
final class HistoryPoolingLayer extends BaseLayer<HistoryPooling> {
    /** The last forward pass, for backprop: each row's group, own token and scales; each group's tokens. */
    private Pass pass;

    HistoryPoolingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return false;
    }

    @Override
    protected INDArray preOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray table = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        pass = Pass.of(input, (int) table.rows(), layerConf().isBiasColumn(), layerConf().getBiasShrinkage());
        int width = (int) table.columns();
        // a minibatch of empty histories (users with no rating yet) gathers nothing: every sum is zero
        float[] rows = pass.distinctTokens.length == 0 ? new float[0]
                : Floats.of(Nd4j.pullRows(table, 1, pass.distinctTokens));
        float[] out = pass.forward(rows, width);
        INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {pass.rows(), width}, 'c');
        result.assign(Floats.array(out, new long[] {pass.rows(), width}, 'c'));
        return result;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return preOutput(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        int width = (int) epsilon.columns();
        float[] eps = Floats.of(epsilon);
        float[] updates = pass.backward(eps, width);
        INDArray gradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        int tokens = (int) gradient.rows();
        float[] dense = new float[tokens * width];
        // the gradient view is column-major ('f', as DL4J lays out weights): write that order, assign is a copy
        for (int slot = 0; slot < pass.distinctTokens.length; slot++) {
            int row = pass.distinctTokens[slot];
            for (int k = 0; k < width; k++) {
                dense[k * tokens + row] = updates[slot * width + k];
            }
        }
        gradient.assign(Floats.array(dense, new long[] {tokens, width}, 'f'));
        Gradient result = new DefaultGradient();
        result.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, gradient);
        // the input holds token ids: no gradient flows to it
        return new Pair<>(result, null);
    }

    /** A growable list of ints. */
    private static final class IntList {
        private int[] values = new int[16];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** Token -> dense slot, in order of first use; an array the size of the table, not a hash map per token. */
    private static final class Slots {
        private final int[] slotOfToken;
        private int[] tokens = new int[256];
        private int size;

        Slots(int tableRows) {
            this.slotOfToken = new int[tableRows];
            Arrays.fill(slotOfToken, -1);
        }

        int of(int token) {
            int slot = slotOfToken[token];
            if (slot < 0) {
                slot = size++;
                if (slot == tokens.length) {
                    tokens = Arrays.copyOf(tokens, slot * 2);
                }
                tokens[slot] = token;
                slotOfToken[token] = slot;
            }
            return slot;
        }

        int[] tokens() {
            return Arrays.copyOf(tokens, size);
        }
    }

    /** One minibatch's structure, parsed from the input. */
    static final class Pass {
        final int[] distinctTokens;       // every token the minibatch uses, once
        private final int[][] groupSlots; // group -> slots (into distinctTokens) of its tokens, with repeats
        private final int[] rowGroup;
        private final int[] rowSelfSlot;  // -1 for none
        private final float[] rowScale;
        private final float[] rowBiasScale;
        private final boolean biasColumn;

        private Pass(int[] distinctTokens, int[][] groupSlots, int[] rowGroup, int[] rowSelfSlot, float[] rowScale,
                     float[] rowBiasScale, boolean biasColumn) {
            this.biasColumn = biasColumn;
            this.distinctTokens = distinctTokens;
            this.groupSlots = groupSlots;
            this.rowGroup = rowGroup;
            this.rowSelfSlot = rowSelfSlot;
            this.rowScale = rowScale;
            this.rowBiasScale = rowBiasScale;
        }

        int rows() {
            return rowGroup.length;
        }

        private static int token(float value, int tableRows) {
            int token = (int) value;
            if (token < 0 || token >= tableRows || token != value) {
                throw new IllegalArgumentException("history token " + value + " outside the table's " + tableRows
                        + " rows");
            }
            return token;
        }

        static Pass of(INDArray input, int tableRows, boolean biasColumn, double shrinkage) {
            int rows = (int) input.rows();
            int cols = (int) input.columns();
            float[] x = Floats.of(input);
            Slots slotOf = new Slots(tableRows);
            java.util.Map<Integer, Integer> groupOf = new java.util.HashMap<>();
            List<IntList> groups = new ArrayList<>();
            int[] rowGroup = new int[rows];
            int[] rowSelf = new int[rows];
            // first every row's share of its group's tokens, then the per-row scales from the whole groups
            for (int r = 0; r < rows; r++) {
                int base = r * cols;
                int key = (int) x[base + HistoryInput.GROUP];
                Integer g = groupOf.get(key);
                if (g == null) {
                    g = groups.size();
                    groups.add(new IntList());
                    groupOf.put(key, g);
                }
                IntList slots = groups.get(g);
                for (int t = HistoryInput.FIRST_TOKEN; t < cols && x[base + t] >= 0; t++) {
                    slots.add(slotOf.of(token(x[base + t], tableRows)));
                }
                rowGroup[r] = g;
                int self = (int) x[base + HistoryInput.SELF];
                rowSelf[r] = self < 0 ? -1 : slotOf.of(token(self, tableRows));
            }
            float[] scale = new float[rows];
            float[] biasScale = new float[rows];
            for (int r = 0; r < rows; r++) {
                int n = groups.get(rowGroup[r]).size() - (rowSelf[r] < 0 ? 0 : 1);
                scale[r] = HistoryInput.vectorScale(n);
                biasScale[r] = HistoryInput.biasScale(n, shrinkage);
            }
            int[][] groupSlots = new int[groups.size()][];
            for (int g = 0; g < groupSlots.length; g++) {
                groupSlots[g] = groups.get(g).toArray();
            }
            return new Pass(slotOf.tokens(), groupSlots, rowGroup, rowSelf, scale, biasScale, biasColumn);
        }

        /** Rows (slot-major, width each) of the distinct tokens -> the output, rows x width. */
        float[] forward(float[] tokenRows, int width) {
            float[][] sums = new float[groupSlots.length][width];
            for (int g = 0; g < groupSlots.length; g++) {
                float[] sum = sums[g];
                for (int slot : groupSlots[g]) {
                    int from = slot * width;
                    for (int k = 0; k < width; k++) {
                        sum[k] += tokenRows[from + k];
                    }
                }
            }
            float[] out = new float[rowGroup.length * width];
            int last = biasColumn ? width - 1 : width;
            for (int r = 0; r < rowGroup.length; r++) {
                float[] sum = sums[rowGroup[r]];
                int self = rowSelfSlot[r] * width;
                int to = r * width;
                for (int k = 0; k < width; k++) {
                    float v = sum[k] - (self >= 0 ? tokenRows[self + k] : 0f);
                    out[to + k] = v * (k == last ? rowBiasScale[r] : rowScale[r]);
                }
            }
            return out;
        }

        /** dL/dout (rows x width) -> dL/d(token row), slot-major, for the distinct tokens. */
        float[] backward(float[] eps, int width) {
            float[][] groupGrad = new float[groupSlots.length][width];
            float[] updates = new float[distinctTokens.length * width];
            int last = biasColumn ? width - 1 : width;
            for (int r = 0; r < rowGroup.length; r++) {
                float[] acc = groupGrad[rowGroup[r]];
                int self = rowSelfSlot[r] * width;
                int from = r * width;
                for (int k = 0; k < width; k++) {
                    float g = eps[from + k] * (k == last ? rowBiasScale[r] : rowScale[r]);
                    acc[k] += g;
                    if (self >= 0) {
                        updates[self + k] -= g;
                    }
                }
            }
            for (int g = 0; g < groupSlots.length; g++) {
                float[] acc = groupGrad[g];
                for (int slot : groupSlots[g]) {
                    int to = slot * width;
                    for (int k = 0; k < width; k++) {
                        updates[to + k] += acc[k];
                    }
                }
            }
            return updates;
        }
    }
}
