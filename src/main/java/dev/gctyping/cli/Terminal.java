package dev.gctyping.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about where output goes, without starting JLine (which costs start-up time). */
final class Terminal {
    private Terminal() {}

    /**
     * Whether stderr is an interactive terminal, so progress may be drawn there. Java 17 cannot
     * ask about stderr alone; on Linux, /proc tells what fd 2 points to.
     */
    static boolean stderrIsTty() {
        if (System.getenv("CI") != null) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
