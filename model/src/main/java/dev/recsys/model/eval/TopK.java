package dev.recsys.model.eval;

import java.util.Arrays;
import java.util.BitSet;

/** The indices of the k highest scores, best first, skipping excluded indices. Ties go to the lower index. */
final class TopK {
    private TopK() {
    }

    static int[] indices(float[] scores, int k, BitSet excluded) {
        int[] top = new int[k];
        float[] best = new float[k];
        int size = 0;
        for (int i = 0; i < scores.length; i++) {
            if (excluded.get(i)) {
                continue;
            }
            float s = scores[i];
            if (size == k && !(s > best[k - 1])) {
                continue;
            }
            int pos = size < k ? size++ : k - 1;
            while (pos > 0 && s > best[pos - 1]) {
                best[pos] = best[pos - 1];
                top[pos] = top[pos - 1];
                pos--;
            }
            best[pos] = s;
            top[pos] = i;
        }
        return size == k ? top : Arrays.copyOf(top, size);
    }
}
