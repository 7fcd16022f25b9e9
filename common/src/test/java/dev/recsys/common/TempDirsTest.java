package dev.recsys.common;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class TempDirsTest {
    @TempDir
    Path parent;

    @Test
    void deletesADirectoryWithEverythingInIt() throws Exception {
        Path dir = Files.createDirectories(parent.resolve("made/deep"));
        Files.writeString(dir.resolve("a.txt"), "a");
        Files.writeString(parent.resolve("made/b.txt"), "b");

        TempDirs.deleteQuietly(parent.resolve("made"));

        assertThat(parent.resolve("made")).doesNotExist();
        assertThat(parent).exists();
    }

    @Test
    void nullOrAMissingDirectoryIsNothingToDo() {
        TempDirs.deleteQuietly(null);
        TempDirs.deleteQuietly(parent.resolve("never-made"));
        assertThat(parent).exists();
    }
}
