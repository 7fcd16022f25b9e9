package dev.recsys.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Sets each movie table's cold-start row to the mean of the trained rows: a movie the model does not know is scored
 * as the average movie, and a rating of one enters a user's history as the average movie's token of that band.
 */
final class ColdStart {
    private ColdStart() {
    }

    static void refresh(ComputationGraph rating, int movies, ModelConfig config) {
        if (movies == 0) {
            return;
        }
        for (int k = 0; k < config.members(); k++) {
            refreshRows(table(rating, ModelFactory.MOVIE_EMBEDDING, k), movies);
            if (config.biasTerms()) {
                refreshRows(table(rating, ModelFactory.MOVIE_BIAS, k), movies);
            }
            refreshTokens(table(rating, ModelFactory.HISTORY_POOL, k), movies);
        }
    }

    private static INDArray table(ComputationGraph graph, String layer, int member) {
        return graph.getLayer(ModelFactory.member(layer, member)).getParam("W");
    }

    private static void refreshRows(INDArray table, int trainedRows) {
        INDArray mean = table.get(NDArrayIndex.interval(0, trainedRows), NDArrayIndex.all()).mean(0);
        table.getRow(trainedRows).assign(mean);
    }

    /** Per band, the cold movie's token is the mean of the trained movies' tokens of that band. */
    private static void refreshTokens(INDArray table, int trainedMovies) {
        int bands = HistoryTokens.BANDS;
        for (int band = 0; band < bands; band++) {
            INDArray rows = table.get(NDArrayIndex.interval(band, bands, (long) trainedMovies * bands),
                    NDArrayIndex.all());
            table.getRow((long) trainedMovies * bands + band).assign(rows.mean(0));
        }
    }
}
