package dev.recsys.model;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the threads ND4J's native code uses. This model's matrices are small (a minibatch times 147 x 64): split
 * over threads, each op spends more time synchronising than computing, and idle OpenMP threads spin. Measured on
 * 2 cores, one thread trained as fast as two while using half the CPU. The cap is per JVM; the environment
 * variable OMP_NUM_THREADS=1 has the same effect from outside.
 */
public final class NativeThreads {
    private static final Logger LOG = LoggerFactory.getLogger(NativeThreads.class);

    private static volatile int limit;

    private NativeThreads() {
    }

    public static void limit(int threads) {
        limit = threads;
        // Nd4j first: it loads the backend that NativeOpsHolder needs
        Nd4j.getEnvironment().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        LOG.debug("ND4J native threads capped at {}", threads);
    }

    /**
     * Applies the cap set by {@link #limit} to the calling thread too: OpenMP keeps the thread count per thread, so
     * a thread of a pool (such as the one that trains ensemble members) starts from OMP_NUM_THREADS instead.
     */
    static void applyToThisThread() {
        int threads = limit;
        if (threads > 0) {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        }
    }
}
