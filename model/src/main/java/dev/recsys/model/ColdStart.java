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
        for (int k = 0; k < model.config().members(); k++) {
            refresh(model, k);
        }
    }

    private static void refresh(HybridModel model, int member) {
        int users = model.users().size();
        int movies = model.movies().size();
        refresh(table(model, ModelFactory.USER_EMBEDDING, member), users);
        refresh(table(model, ModelFactory.MOVIE_EMBEDDING, member), movies);
        if (model.config().userFeatures()) {
            // an unknown user's demographics are unknown too: the average user's
            refresh(table(model, ModelFactory.USER_FEATURES, member), users);
        }
        if (model.config().biasTerms()) {
            refresh(table(model, ModelFactory.USER_BIAS, member), users);
            refresh(table(model, ModelFactory.MOVIE_BIAS, member), movies);
        }
    }

    private static INDArray table(HybridModel model, String layer, int member) {
        return model.graph().getLayer(ModelFactory.member(layer, member)).getParam("W");
    }

    private static void refresh(INDArray table, int trainedRows) {
        if (trainedRows == 0) {
            return;
        }
        INDArray mean = table.get(NDArrayIndex.interval(0, trainedRows), NDArrayIndex.all()).mean(0);
        table.getRow(trainedRows).assign(mean);
    }
}
