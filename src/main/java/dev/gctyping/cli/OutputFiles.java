package dev.gctyping.cli;

import dev.gctyping.support.IoErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Output files named on the command line: checked before the work that fills them, so a typo costs nothing. */
final class OutputFiles {
    private OutputFiles() {}

    /**
     * Throws {@link ExitCodes#CANT_CREATE} unless {@code file} looks writable: an existing writable
     * file, or a new one whose nearest existing ancestor is a writable directory (the writer creates
     * the directories between). Creates nothing; the write itself may still fail, see {@link #writeFailed}.
     */
    static void requireWritable(Path file) {
        Path absolute = file.toAbsolutePath();
        if (Files.exists(absolute)) {
            if (!Files.isRegularFile(absolute) || !Files.isWritable(absolute)) {
                throw cannotWrite(file, "not a writable file");
            }
            return;
        }
        Path ancestor = absolute.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor)) {
            throw cannotWrite(file, (ancestor == null ? "no directory" : ancestor) + " is not a directory");
        }
        if (!Files.isWritable(ancestor)) {
            throw cannotWrite(file, "permission denied in " + ancestor);
        }
    }

    /** The error for a write that failed anyway (a race, a file system the check cannot see into). */
    static CliException writeFailed(Path file, IOException e) {
        return new CliException(ExitCodes.CANT_CREATE, "cannot write " + file + ": " + IoErrors.writeReason(e), e);
    }

    private static CliException cannotWrite(Path file, String reason) {
        return new CliException(ExitCodes.CANT_CREATE, "cannot write " + file + ": " + reason);
    }
}
