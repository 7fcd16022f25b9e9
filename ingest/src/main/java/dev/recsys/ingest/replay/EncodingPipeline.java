package dev.recsys.ingest.replay;

import dev.recsys.common.topics.Topics;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Encodes ratings to Avro on a thread of its own, a bounded number of chunks ahead of the sending thread.
 * Avro encoding is about half of a replayed rating's cost; done alongside, the sending thread's work per rating
 * comes close to a bare producer's. Order is kept: one encoder, chunks in sequence.
 */
final class EncodingPipeline implements AutoCloseable {
    static final int CHUNK = 2048;
    // 16 chunks of ~40-byte ratings: about 1.3 MB ahead at most
    private static final int DEPTH = 16;

    /** A run of encoded ratings: log positions start..start+values.length. */
    record Chunk(int start, byte[][] values) {
    }

    private final RatingLog log;
    private final int from;
    private final int to;
    private final Serializer<SpecificRecord> serializer;
    private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(DEPTH);
    private final Thread thread;
    private volatile RuntimeException failure;

    EncodingPipeline(RatingLog log, int from, int to, Serializer<SpecificRecord> serializer) {
        this.log = log;
        this.from = from;
        this.to = to;
        this.serializer = serializer;
        this.thread = new Thread(this::encodeAll, "ingest-encoder");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void encodeAll() {
        try {
            for (int start = from; start < to; start += CHUNK) {
                int end = Math.min(to, start + CHUNK);
                byte[][] values = new byte[end - start][];
                for (int i = start; i < end; i++) {
                    values[i - start] = serializer.serialize(Topics.RATINGS, log.event(i));
                }
                chunks.put(new Chunk(start, values));
            }
        } catch (InterruptedException e) {
            // the replay stopped: nobody takes more chunks
        } catch (RuntimeException e) {
            // handed to the sending thread, which ends the replay with it; this thread just stops
            failure = e;
        }
    }

    /** The next chunk in order; waits for the encoder. Throws what the encoder failed with. */
    Chunk next() throws InterruptedException {
        while (true) {
            Chunk next = chunks.poll(100, TimeUnit.MILLISECONDS);
            if (next != null) {
                return next;
            }
            RuntimeException e = failure;
            if (e != null) {
                throw e;
            }
            if (!thread.isAlive() && chunks.isEmpty()) {
                throw new IllegalStateException("the encoder stopped before the last rating");
            }
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
