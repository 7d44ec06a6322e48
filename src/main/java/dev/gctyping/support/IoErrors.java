package dev.gctyping.support;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Human reasons for file errors: NIO's messages are often just the path. */
public final class IoErrors {
    private IoErrors() {
    }

    /** Why writing a file failed, in words (the path is the caller's to say). */
    public static String writeReason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "its directory does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage();
    }
}
