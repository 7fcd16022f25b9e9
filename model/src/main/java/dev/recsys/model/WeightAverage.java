package dev.recsys.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The running mean of parameter vectors (stochastic weight averaging over end-of-epoch weights). */
final class WeightAverage {
    private INDArray sum;
    private int count;

    void add(INDArray params) {
        if (sum == null) {
            sum = params.dup();
        } else {
            sum.addi(params);
        }
        count++;
    }

    int count() {
        return count;
    }

    INDArray mean() {
        return sum.div(count);
    }
}
