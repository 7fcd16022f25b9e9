package dev.recsys.app.eval;

import dev.recsys.model.History;
import dev.recsys.model.RankingMetrics;
import dev.recsys.model.RatingData;

/** The most-popular chart: movies by how many ratings they have in the training data, the user's rated ones out. */
final class PopularityBaseline implements RankingMetrics.Recommender {
    private final Catalogue catalogue;
    private final float[] counts;

    PopularityBaseline(RatingData... training) {
        this.catalogue = Catalogue.of(training);
        this.counts = new float[catalogue.size()];
        for (RatingData part : training) {
            for (int i = 0; i < part.size(); i++) {
                counts[catalogue.column(part.movieId(i))]++;
            }
        }
    }

    @Override
    public int[] top(int userId, History history, int k) {
        return catalogue.topUnrated(counts.clone(), history, k);
    }
}
