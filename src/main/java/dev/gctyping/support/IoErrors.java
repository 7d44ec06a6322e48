package dev.gctyping.support;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Human reasons for file errors: NIO's messages are often just the path. */
public final class IoErrors {
    private IoErrors() {}

    /** Why writing a file failed, in words (the path is the caller's to say). */
    public static String writeReason(IOException e) {
        if (e instanceof NoSuchFileException missing) {
            // also what a directory that takes no new files says, e.g. /proc
            return directoryExists(missing.getFile())
                    ? "no file can be created in its directory"
                    : "its directory does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage();
    }

    private static boolean directoryExists(String file) {
        Path parent = file == null ? null : Path.of(file).toAbsolutePath().getParent();
        return parent != null && Files.isDirectory(parent);
    }
}
