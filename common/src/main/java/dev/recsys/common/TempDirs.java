package dev.recsys.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Directories a command made for its own use (generated data, a state directory) and removes when it is done. */
public final class TempDirs {
    private static final Logger LOG = LoggerFactory.getLogger(TempDirs.class);

    private TempDirs() {
    }

    /**
     * Deletes {@code dir} and everything in it, as far as it can: what is left behind is harmless, so a failure is
     * logged at debug and the rest still deleted. Null or a missing directory does nothing.
     */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.debug("Could not delete {}: {}", file, e.toString());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Could not delete {}: {}", dir, e.toString());
        }
    }
}
