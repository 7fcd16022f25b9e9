package dev.recsys.model.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.params.EmbeddingLayerParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/**
 * A user's vector from the movies they rated: one learned row per (movie, rating band) "token", summed over the
 * user's n ratings. Output: the first {@code width} columns are the sum over sqrt(n); with a bias column, one more,
 * the sum of the tokens' last column over (n + biasShrinkage), the user's bias shrunk toward 0 for short histories.
 *
 * <p>Input, one row per example: {@link HistoryInput}'s layout [group, self, token...]. Rows of one group share the
 * same tokens, so the sums are computed once per group; "self" is a token left out of that row's sum (the rating
 * the row predicts, in training), -1 for none.
 *
 * <p>Why a layer of its own: DL4J's EmbeddingSequenceLayer with pooling computes every row's sum apart (213 ms a
 * minibatch of 1,024 rows with 32 tokens each, measured) and SameDiff's gather has no usable gradient in 1.0.0-M2.1;
 * this layer shares the sums within a group and runs a step of the rating network in a few milliseconds.
 */
public final class HistoryPooling extends FeedForwardLayer {
    private double biasShrinkage;
    private boolean biasColumn;

    private HistoryPooling(Builder builder) {
        super(builder);
        this.biasShrinkage = builder.biasShrinkage;
        this.biasColumn = builder.biasColumn;
        initializeConstraints(builder);
    }

    /** For JSON deserialisation of saved models. */
    public HistoryPooling() {
    }

    public double getBiasShrinkage() {
        return biasShrinkage;
    }

    public void setBiasShrinkage(double biasShrinkage) {
        this.biasShrinkage = biasShrinkage;
    }

    public boolean isBiasColumn() {
        return biasColumn;
    }

    public void setBiasColumn(boolean biasColumn) {
        this.biasColumn = biasColumn;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        HistoryPoolingLayer layer = new HistoryPoolingLayer(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return TableInitializer.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(nOut);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        // nIn is the number of tokens, not the input's width: set by the builder only
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long params = initializer().numParams(this);
        return new LayerMemoryReport.Builder(layerName, HistoryPooling.class, inputType, out)
                .standardMemory(params, getIUpdater().stateSize(params))
                .workingMemory(0, 0, 0, out.arrayElementsPerExample())
                .cacheMemory(0, 0)
                .build();
    }

    /** The token table: W is tokens x (width + 1), no bias vector. */
    private static final class TableInitializer extends EmbeddingLayerParamInitializer {
        static final TableInitializer INSTANCE = new TableInitializer();

        @Override
        protected boolean hasBias(org.deeplearning4j.nn.conf.layers.Layer layer) {
            return false;
        }
    }

    public static final class Builder extends FeedForwardLayer.Builder<Builder> {
        private double biasShrinkage = 5;
        private boolean biasColumn = true;
        private int width = -1;

        /** How many tokens (rows of the table). */
        public Builder tokens(int tokens) {
            return nIn(tokens);
        }

        /** The width of the user vector; with a bias column, the output has one column more, the user's bias. */
        public Builder width(int width) {
            this.width = width;
            return this;
        }

        /** Whether the last output column is the user's bias (default) or the vector has no bias beside it. */
        public Builder biasColumn(boolean value) {
            this.biasColumn = value;
            return this;
        }

        /** n + this divides the bias sum: a user with few ratings has a bias near 0. */
        public Builder biasShrinkage(double value) {
            this.biasShrinkage = value;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public HistoryPooling build() {
            if (width < 1) {
                throw new IllegalStateException("the user vector's width must be set");
            }
            nOut(biasColumn ? width + 1L : width);
            return new HistoryPooling(this);
        }
    }
}
