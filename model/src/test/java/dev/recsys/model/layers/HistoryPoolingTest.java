package dev.recsys.model.layers;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The history pooling layer against a plain-Java sum, and its gradient against finite differences. */
class HistoryPoolingTest {
    private static final int TOKENS = 12;
    private static final int WIDTH = 3;
    private static final double SHRINKAGE = 2.5;
    private static final int N = HistoryInput.NONE;

    /**
     * Rows of three groups, interleaved, each group's tokens shared out between its rows: group 7 with tokens
     * {1, 4, 4, 9} (a token twice) on three rows, each leaving out another token or none; group 2 with {0, 11} on
     * two; group 5 with {3} alone. Padded with -1.
     */
    private static final float[][] MIXED = {
        {7, 4, 1, 4, N},
        {2, 0, 0, N, N},
        {7, N, 4, N, N},
        {5, N, 3, N, N},
        {7, 9, 9, N, N},
        {2, N, 11, N, N},
    };
    /** The whole history of each group of MIXED. */
    private static final java.util.Map<Integer, int[]> GROUP_TOKENS = java.util.Map.of(
            7, new int[] {1, 4, 4, 9}, 2, new int[] {0, 11}, 5, new int[] {3});

    @Test
    void forwardIsTheGroupSumLeavingOutTheRowsOwnTokenScaledBySqrtNAndTheBiasByNPlusShrinkage() {
        ComputationGraph graph = pooling(DataType.FLOAT, true);
        double[][] table = table(graph);

        float[][] out = graph.output(false, input(MIXED, DataType.FLOAT))[0].toFloatMatrix();

        for (int r = 0; r < MIXED.length; r++) {
            double[] expected = plainSum(MIXED[r], table, true);
            for (int k = 0; k < WIDTH + 1; k++) {
                assertThat((double) out[r][k]).as("row %d column %d", r, k).isCloseTo(expected[k], within(1e-5));
            }
        }
    }

    @Test
    void withoutABiasColumnEveryColumnIsScaledBySqrtN() {
        ComputationGraph graph = pooling(DataType.FLOAT, false);
        double[][] table = table(graph);

        float[][] out = graph.output(false, input(MIXED, DataType.FLOAT))[0].toFloatMatrix();

        assertThat(out[0]).hasSize(WIDTH);
        for (int r = 0; r < MIXED.length; r++) {
            double[] expected = plainSum(MIXED[r], table, false);
            for (int k = 0; k < WIDTH; k++) {
                assertThat((double) out[r][k]).as("row %d column %d", r, k).isCloseTo(expected[k], within(1e-5));
            }
        }
    }

    @Test
    void rowsOfDifferentGroupsInOneMinibatchEachGetTheirGroupsSum() {
        ComputationGraph graph = pooling(DataType.FLOAT, true);
        float[][] together = graph.output(false, input(MIXED, DataType.FLOAT))[0].toFloatMatrix();

        // each group alone in its minibatch: the shared sums must not leak between groups
        for (int group : GROUP_TOKENS.keySet()) {
            float[][] rows = Arrays.stream(MIXED).filter(row -> row[HistoryInput.GROUP] == group)
                    .toArray(float[][]::new);
            float[][] alone = graph.output(false, input(rows, DataType.FLOAT))[0].toFloatMatrix();
            int i = 0;
            for (int r = 0; r < MIXED.length; r++) {
                if (MIXED[r][HistoryInput.GROUP] == group) {
                    for (int k = 0; k < WIDTH + 1; k++) {
                        assertThat(together[r][k]).as("row %d column %d", r, k)
                                .isCloseTo(alone[i][k], within(1e-6f));
                    }
                    i++;
                }
            }
        }
    }

    @Test
    void aGroupsHistoryIsTheSameHoweverItsTokensAreSharedOutBetweenItsRows() {
        ComputationGraph graph = pooling(DataType.FLOAT, true);
        float[][] firstRowOnly = {{7, N, 1, 4, 4, 9}, {7, 4, N, N, N, N}};
        float[][] spread = {{7, N, 9, 4, N, N}, {7, 4, 4, 1, N, N}};

        float[][] a = graph.output(false, input(firstRowOnly, DataType.FLOAT))[0].toFloatMatrix();
        float[][] b = graph.output(false, input(spread, DataType.FLOAT))[0].toFloatMatrix();

        for (int r = 0; r < 2; r++) {
            for (int k = 0; k < WIDTH + 1; k++) {
                assertThat(a[r][k]).as("row %d column %d", r, k).isCloseTo(b[r][k], within(1e-6f));
            }
        }
    }

    @Test
    void aGroupWhoseOnlyTokenIsTheRowsOwnGivesZeros() {
        ComputationGraph graph = pooling(DataType.FLOAT, true);

        float[] out = graph.output(false, input(new float[][] {{3, 6, 6}}, DataType.FLOAT))[0].toFloatVector();

        assertThat(out).containsExactly(0f, 0f, 0f, 0f);
    }

    @Test
    void anEmptyHistoryGivesZeros() {
        ComputationGraph graph = pooling(DataType.FLOAT, true);

        float[] out = graph.output(false, input(new float[][] {{3, N, N}}, DataType.FLOAT))[0].toFloatVector();

        assertThat(out).containsExactly(0f, 0f, 0f, 0f);
    }

    @Test
    void rejectsATokenBeyondTheTable() {
        ComputationGraph graph = pooling(DataType.FLOAT, true);

        assertThatThrownBy(() -> graph.output(false, input(new float[][] {{0, N, 2, TOKENS}}, DataType.FLOAT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("history token " + (float) TOKENS)
                .hasMessageContaining("outside the table's " + TOKENS + " rows");
    }

    @Test
    void rejectsAnOwnTokenBeyondTheTable() {
        ComputationGraph graph = pooling(DataType.FLOAT, true);

        assertThatThrownBy(() -> graph.output(false, input(new float[][] {{0, TOKENS + 3, 2}}, DataType.FLOAT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the table's " + TOKENS + " rows");
    }

    @Test
    void rejectsATokenThatIsNotAWholeNumber() {
        ComputationGraph graph = pooling(DataType.FLOAT, true);

        assertThatThrownBy(() -> graph.output(false, input(new float[][] {{0, N, 2.5f}}, DataType.FLOAT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("history token 2.5");
    }

    @Test
    void gradientMatchesFiniteDifferencesThroughAGraph() {
        // pooling -> dense tanh -> MSE output: every table entry the minibatch uses, self tokens and a repeated
        // token included, is checked against central differences of the loss
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .seed(5)
                .dataType(DataType.DOUBLE)
                .updater(new NoOp())
                .graphBuilder()
                .addInputs("history")
                .addLayer("pool", poolingLayer(true), "history")
                .addLayer("dense", new DenseLayer.Builder().nIn(WIDTH + 1).nOut(2).activation(Activation.TANH)
                        .build(), "pool")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(2)
                        .activation(Activation.IDENTITY).build(), "dense")
                .setOutputs("out")
                .build());
        graph.init();
        INDArray labels = Nd4j.rand(DataType.DOUBLE, MIXED.length, 2);
        DataType defaultType = Nd4j.defaultFloatingPointType();
        // GradientCheckUtil insists on double as ND4J's default type too, not only the network's
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        boolean ok;
        try {
            ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                    .net(graph)
                    .inputs(new INDArray[] {input(MIXED, DataType.DOUBLE)})
                    .labels(new INDArray[] {labels})
                    .epsilon(1e-3)
                    .maxRelError(1e-3)
                    .minAbsoluteError(1e-6)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                    .exitOnFirstError(false));
        } finally {
            Nd4j.setDefaultDataTypes(defaultType, defaultType);
        }

        assertThat(ok).isTrue();
    }

    @Test
    void gradientIsZeroForTokensTheMinibatchDoesNotUse() {
        ComputationGraph graph = pooling(DataType.FLOAT, true);
        graph.setInputs(input(MIXED, DataType.FLOAT));
        graph.setLabels(Nd4j.ones(DataType.FLOAT, MIXED.length, WIDTH + 1));
        graph.computeGradientAndScore();

        double[][] gradient = graph.gradient().getGradientFor("pool_W").castTo(DataType.DOUBLE).toDoubleMatrix();

        for (int token : new int[] {2, 5, 6, 7, 8, 10}) {
            assertThat(gradient[token]).as("token %d", token).containsOnly(0.0);
        }
        assertThat(gradient[4]).as("a used token").isNotEqualTo(new double[WIDTH + 1]);
    }

    /** The expected output of one input row of MIXED, from its group's whole history. */
    private static double[] plainSum(float[] row, double[][] table, boolean biasColumn) {
        int columns = table[0].length;
        double[] sum = new double[columns];
        int n = 0;
        for (int token : GROUP_TOKENS.get((int) row[HistoryInput.GROUP])) {
            n++;
            for (int k = 0; k < columns; k++) {
                sum[k] += table[token][k];
            }
        }
        int self = (int) row[HistoryInput.SELF];
        if (self >= 0) {
            n--;
            for (int k = 0; k < columns; k++) {
                sum[k] -= table[self][k];
            }
        }
        double[] out = new double[columns];
        int last = biasColumn ? columns - 1 : columns;
        for (int k = 0; k < columns; k++) {
            out[k] = k == last ? sum[k] / (n + SHRINKAGE) : n == 0 ? 0 : sum[k] / Math.sqrt(n);
        }
        return out;
    }

    private static HistoryPooling poolingLayer(boolean biasColumn) {
        return new HistoryPooling.Builder().tokens(TOKENS).width(WIDTH).biasColumn(biasColumn)
                .biasShrinkage(SHRINKAGE).weightInit(new NormalDistribution(0, 1)).build();
    }

    /** History pooling alone (an identity MSE loss layer on top, so that the graph can also be fitted). */
    private static ComputationGraph pooling(DataType type, boolean biasColumn) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .seed(3)
                .dataType(type)
                .updater(new NoOp())
                .graphBuilder()
                .addInputs("history")
                .addLayer("pool", poolingLayer(biasColumn), "history")
                .addLayer("out", new LossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "pool")
                .setOutputs("out")
                .build());
        graph.init();
        return graph;
    }

    private static double[][] table(ComputationGraph graph) {
        return graph.getLayer("pool").getParam("W").castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    private static INDArray input(float[][] rows, DataType type) {
        int cols = Arrays.stream(rows).mapToInt(r -> r.length).max().orElseThrow();
        float[][] padded = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            padded[r] = Arrays.copyOf(rows[r], cols);
            Arrays.fill(padded[r], rows[r].length, cols, N);
        }
        return Nd4j.create(padded).castTo(type);
    }
}
