package dev.gctyping.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoErrorsTest {
    @Test
    void aMissingDirectoryIsSaidToBeMissing(@TempDir Path dir) {
        assertThat(IoErrors.writeReason(
                        new NoSuchFileException(dir.resolve("missing/r.xml").toString())))
                .isEqualTo("its directory does not exist");
    }

    @Test
    void aDirectoryThatExistsButTakesNoNewFilesIsNotSaidToBeMissing(@TempDir Path dir) {
        // what writing /proc/r.xml throws: the directory exists
        assertThat(IoErrors.writeReason(
                        new NoSuchFileException(dir.resolve("r.xml").toString())))
                .isEqualTo("no file can be created in its directory");
    }

    @Test
    void permissionDenied() {
        assertThat(IoErrors.writeReason(new AccessDeniedException("/root/r.xml")))
                .isEqualTo("permission denied");
    }
}
