package dev.recsys.model;

import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TopKTest {
    @Test
    void selectsTheSameAsAFullSortOnRandomScores() {
        Random random = new Random(3);
        TopK topK = new TopK(10);
        for (int round = 0; round < 50; round++) {
            float[] scores = new float[200 + random.nextInt(300)];
            for (int i = 0; i < scores.length; i++) {
                // few distinct values, so that ties are common
                scores[i] = random.nextInt(40) / 8f;
                if (random.nextInt(10) == 0) {
                    scores[i] = Float.NaN;
                }
            }
            topK.clear();
            for (int i = 0; i < scores.length; i++) {
                topK.offer(i, scores[i]);
            }
            List<Integer> expected = IntStream.range(0, scores.length).boxed()
                    .filter(i -> !Float.isNaN(scores[i]))
                    .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(i -> i))
                    .limit(10).toList();
            Ranked ranked = topK.result();
            assertThat(ranked.ids()).containsExactly(expected.stream().mapToInt(i -> i).toArray());
            for (int i = 0; i < ranked.size(); i++) {
                assertThat(ranked.scores()[i]).isEqualTo(scores[ranked.ids()[i]]);
            }
        }
    }

    @Test
    void returnsFewerThanKWhenFewerAreOffered() {
        TopK topK = new TopK(10);
        topK.offer(5, 1f);
        topK.offer(6, Float.NaN);
        topK.offer(7, 3f);
        assertThat(topK.result().ids()).containsExactly(7, 5);
    }

    @Test
    void unratedSkipsTheHistorysMoviesAndAnswersRawIds() {
        IdMap movies = IdMap.of(new int[] {500, 600, 700, 800});
        float[] scores = {4f, 3f, 2f, 1f};
        History history = new History(new int[] {500, 999}, new float[] {5f, 5f});

        int[] top = TopK.unrated(new TopK(2), scores, movies, history);

        assertThat(top).containsExactly(600, 700);
    }
}
