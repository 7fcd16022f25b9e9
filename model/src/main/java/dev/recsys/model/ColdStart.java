package dev.recsys.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Sets each embedding table's last row, the cold-start row, to the mean of the trained rows: an unknown user is
 * scored as the average user, an unknown movie as the average movie.
 */
final class ColdStart {
    private ColdStart() {
    }

    static void refresh(HybridModel model) {
        refresh(model.graph().getLayer(ModelFactory.USER_EMBEDDING).getParam("W"), model.users().size());
        refresh(model.graph().getLayer(ModelFactory.MOVIE_EMBEDDING).getParam("W"), model.movies().size());
        if (model.config().userFeatures()) {
            // an unknown user's demographics are unknown too: the average user's
            refresh(model.graph().getLayer(ModelFactory.USER_FEATURES).getParam("W"), model.users().size());
        }
        if (model.config().biasTerms()) {
            refresh(model.graph().getLayer(ModelFactory.USER_BIAS).getParam("W"), model.users().size());
            refresh(model.graph().getLayer(ModelFactory.MOVIE_BIAS).getParam("W"), model.movies().size());
        }
    }

    private static void refresh(INDArray table, int trainedRows) {
        if (trainedRows == 0) {
            return;
        }
        INDArray mean = table.get(NDArrayIndex.interval(0, trainedRows), NDArrayIndex.all()).mean(0);
        table.getRow(trainedRows).assign(mean);
    }
}
