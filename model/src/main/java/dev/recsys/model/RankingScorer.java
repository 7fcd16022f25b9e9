package dev.recsys.model;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The ranking network in plain arrays: a user's score (the softmax's logit) for every movie of the model, from the
 * user's history. Equal to the network's output in inference mode up to the softmax's per-user constant, which no
 * ranking depends on. The encoder is a sum over the user's rated movies (O(history x width)), the decoder a pass
 * over the catalogue (O(movies x width)), laid out movie-minor so that its inner loop vectorises, in blocks of movies
 * with an upper bound each, so that a caller after the best few scores only the blocks that can hold them
 * ({@link FastScorer}). Immutable and thread-safe.
 */
public final class RankingScorer {
    private final IdMap movies;
    private final double lowRatingWeight;
    /** The most movies a block of the decoder holds: one bound per block decides whether its movies are scored. */
    static final int BLOCK = 256;
    /** The most movies scored in one pass (adjacent blocks), a multiple of every block size. */
    static final int RUN = 2048;

    private final float[][] encoder;  // movies x width
    private final float[] encoderBias;
    // the decoder with its movies in block order (by output bias, highest first): width x movies, at positions
    private final float[][] decoder;
    private final float[] decoderBias;
    private final int blockSize;
    // per thread, indexed by position: the scores before they go to their rows (no allocation per user scored)
    private final ThreadLocal<float[]> acc;
    private final int[] rowAt;        // position -> row
    private final int[] positionOf;   // row -> position
    // per block: the largest bias, the largest column norm, each hidden unit's smallest and largest weight
    private final float[] blockBias;
    private final float[] blockNorm;
    private final float[][] blockLow;  // width x blocks
    private final float[][] blockHigh; // width x blocks

    RankingScorer(MultiLayerNetwork network, IdMap movies, double lowRatingWeight) {
        this.movies = movies;
        this.lowRatingWeight = lowRatingWeight;
        this.encoder = Params.matrix(param(network, ModelFactory.RANKING_ENCODER, "W"));
        this.encoderBias = Params.flat(param(network, ModelFactory.RANKING_ENCODER, "b"));
        float[][] byRow = Params.matrix(param(network, ModelFactory.RANKING_OUTPUT, "W"));
        float[] biasByRow = Params.flat(param(network, ModelFactory.RANKING_OUTPUT, "b"));
        int count = biasByRow.length;
        int width = byRow.length;
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(biasByRow[b], biasByRow[a]));
        this.rowAt = new int[count];
        this.positionOf = new int[count];
        this.decoder = new float[width][count];
        this.decoderBias = new float[count];
        for (int pos = 0; pos < count; pos++) {
            int row = order[pos];
            rowAt[pos] = row;
            positionOf[row] = pos;
            decoderBias[pos] = biasByRow[row];
            for (int k = 0; k < width; k++) {
                decoder[k][pos] = byRow[k][row];
            }
        }
        this.blockSize = blockSize(count);
        this.acc = ThreadLocal.withInitial(() -> new float[count]);
        int blocks = (count + blockSize - 1) / blockSize;
        this.blockBias = new float[blocks];
        this.blockNorm = new float[blocks];
        this.blockLow = new float[width][blocks];
        this.blockHigh = new float[width][blocks];
        for (int b = 0; b < blocks; b++) {
            int from = b * blockSize;
            int to = Math.min(from + blockSize, count);
            float bias = Float.NEGATIVE_INFINITY;
            double norm = 0;
            for (int pos = from; pos < to; pos++) {
                bias = Math.max(bias, decoderBias[pos]);
                double squares = 0;
                for (int k = 0; k < width; k++) {
                    squares += (double) decoder[k][pos] * decoder[k][pos];
                }
                norm = Math.max(norm, Math.sqrt(squares));
            }
            blockBias[b] = bias;
            blockNorm[b] = (float) norm;
            for (int k = 0; k < width; k++) {
                float low = Float.POSITIVE_INFINITY;
                float high = Float.NEGATIVE_INFINITY;
                for (int pos = from; pos < to; pos++) {
                    low = Math.min(low, decoder[k][pos]);
                    high = Math.max(high, decoder[k][pos]);
                }
                blockLow[k][b] = low;
                blockHigh[k][b] = high;
            }
        }
    }

    public int movieCount() {
        return movies.size();
    }

    /**
     * The user's hidden vector: tanh of the encoder over the normalised, weighted history (unknown movies out), as
     * {@link RankingInput#row} weighs it.
     */
    float[] encode(History history, double recency) {
        int width = encoderBias.length;
        float[] acc = new float[width];
        float[] weights = RankingInput.weights(history, lowRatingWeight, recency);
        double norm = 0;
        for (int i = 0; i < history.size(); i++) {
            if (movies.rowOf(history.movieId(i)) >= 0) {
                norm += (double) weights[i] * weights[i];
            }
        }
        float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
        for (int i = 0; i < history.size(); i++) {
            int row = movies.rowOf(history.movieId(i));
            if (row >= 0) {
                FastScorer.axpy(weights[i] * scale, encoder[row], acc);
            }
        }
        for (int k = 0; k < width; k++) {
            acc[k] = (float) Math.tanh(acc[k] + encoderBias[k]);
        }
        return acc;
    }

    /**
     * Every movie's score for the user into out[row], the history weighted with this recency (1: by rating only);
     * out must hold at least {@link #movieCount()} values.
     */
    public void scoreAll(History history, double recency, float[] out) {
        float[] hidden = encode(history, recency);
        for (int b = 0; b < blocks(); b += blocksPerRun()) {
            scoreBlocks(b, Math.min(b + blocksPerRun(), blocks()), hidden, out, null, 0);
        }
    }

    /**
     * Movies per block for a catalogue: about 64 blocks in all, 16 to {@link #BLOCK} movies each, a power of two.
     * Fewer, longer blocks cost less per movie scored (the inner loop vectorises over the block); more, shorter ones
     * leave fewer movies scored for nothing beside the few that can reach the list.
     */
    static int blockSize(int movies) {
        int size = 16;
        while (size < BLOCK && size * 64 < movies) {
            size *= 2;
        }
        return size;
    }

    /** Blocks of the catalogue, in the order best scanned: by their largest output bias, highest first. */
    int blocks() {
        return blockBias.length;
    }

    /**
     * At least the score of every movie of the block for this hidden vector (whose Euclidean norm is given): the
     * smaller of two upper bounds, the block's largest bias plus the hidden vector's norm times the block's largest
     * column norm (Cauchy-Schwarz), and its largest bias plus, per hidden unit, the unit times whichever of the
     * block's smallest and largest weight gives more. A tail movie's column, seldom trained, is near zero: its
     * block's bound is about its bias, which is low, so most of a large catalogue is never scored. Computed in
     * double and raised by a margin above the rounding of a float score.
     */
    float bound(int block, float[] hidden, double hiddenNorm) {
        double box = 0;
        double magnitude = 0;
        for (int k = 0; k < hidden.length; k++) {
            double h = hidden[k];
            double term = h >= 0 ? h * blockHigh[k][block] : h * blockLow[k][block];
            box += term;
            magnitude += Math.abs(term);
        }
        double bound = blockBias[block] + Math.min(box, hiddenNorm * blockNorm[block]);
        return (float) (bound + 1e-5 * (1 + Math.abs(blockBias[block]) + magnitude));
    }

    /**
     * Scores the movies of blocks [from, to) into out[row]; when rows is not null, appends their rows to it from
     * index n.
     * Returns the new n. Adjacent blocks go in one pass: the inner loop vectorises only when it is long.
     */
    int scoreBlocks(int from, int to, float[] hidden, float[] out, int[] rows, int n) {
        float[] acc = this.acc.get();
        int start = from * blockSize;
        int end = Math.min(to * blockSize, decoderBias.length);
        System.arraycopy(decoderBias, start, acc, start, end - start);
        for (int k = 0; k < hidden.length; k++) {
            float h = hidden[k];
            float[] column = decoder[k];
            // the same index into both arrays: with an offset the JIT cannot rule out that they overlap, and does
            // not vectorise (it made this loop several times slower)
            for (int p = start; p < end; p++) {
                acc[p] += h * column[p];
            }
        }
        for (int p = start; p < end; p++) {
            int row = rowAt[p];
            out[row] = acc[p];
            if (rows != null) {
                rows[n++] = row;
            }
        }
        return n;
    }

    /** Blocks scored in one pass at most: {@link #RUN} movies. */
    int blocksPerRun() {
        return RUN / blockSize;
    }

    /**
     * Leave-one-out over the history: out[m][i] is how much the score of movie rows[m] drops when the history's
     * entry i is left out (its recency weights taken as they would be without it), i.e. the score for the history
     * minus the score for the history without entry i. Positive: the rated movie raised that movie's score.
     * O(history x width x (1 + rows)): the encoder's sums without entry i come from running sums, not from a new
     * pass over the history per entry.
     */
    float[][] leaveOneOut(History history, double recency, int[] rows) {
        int n = history.size();
        int width = encoderBias.length;
        float[] full = encode(history, recency);
        float[] weights = RankingInput.weights(history, lowRatingWeight, recency);
        // an entry before the one left out has one rating fewer after it: the weights of the first n - 1 entries
        float[] shifted = n == 0 ? new float[0] : RankingInput.weights(
                new History(Arrays.copyOf(history.movieIds(), n - 1),
                        Arrays.copyOf(history.ratings(), n - 1)), lowRatingWeight, recency);
        double[] total = new double[width];
        double totalNorm = 0;
        int known = 0;
        for (int i = 0; i < n; i++) {
            int row = movies.rowOf(history.movieId(i));
            if (row >= 0) {
                add(weights[i], encoder[row], total);
                totalNorm += (double) weights[i] * weights[i];
                known++;
            }
        }
        double[] before = new double[width];   // entries before i, at their shifted weights
        double beforeNorm = 0;
        double[] upTo = new double[width];     // entries up to and including i, at their full weights
        double upToNorm = 0;
        float[][] out = new float[rows.length][n];
        float[] hidden = new float[width];
        for (int i = 0; i < n; i++) {
            int row = movies.rowOf(history.movieId(i));
            if (row >= 0) {
                add(weights[i], encoder[row], upTo);
                upToNorm += (double) weights[i] * weights[i];
            }
            // as encode: no known movie left, no input (the sums' rounding must not pass for one)
            double norm = known - (row >= 0 ? 1 : 0) == 0 ? 0 : beforeNorm + totalNorm - upToNorm;
            double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            for (int k = 0; k < width; k++) {
                hidden[k] = (float) Math.tanh((before[k] + total[k] - upTo[k]) * scale + encoderBias[k]);
            }
            for (int m = 0; m < rows.length; m++) {
                double drop = 0;
                for (int k = 0; k < width; k++) {
                    drop += (full[k] - hidden[k]) * decoder[k][positionOf[rows[m]]];
                }
                out[m][i] = (float) drop;
            }
            if (row >= 0 && i < n - 1) {
                add(shifted[i], encoder[row], before);
                beforeNorm += (double) shifted[i] * shifted[i];
            }
        }
        return out;
    }

    private static void add(float a, float[] x, double[] y) {
        for (int k = 0; k < y.length; k++) {
            y[k] += a * x[k];
        }
    }

    private static INDArray param(MultiLayerNetwork network, int layer, String key) {
        return network.getLayer(layer).getParam(key).castTo(DataType.FLOAT);
    }
}
