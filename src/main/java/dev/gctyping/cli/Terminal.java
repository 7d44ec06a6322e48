package dev.gctyping.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about where output goes, without starting JLine (which costs start-up time). */
final class Terminal {
    private Terminal() {}

    /**
     * Whether stderr is an interactive terminal, so progress may be drawn there. Java 17 cannot
     * ask about one stream alone; on Linux, /proc tells what each fd points to.
     */
    static boolean stderrIsTty() {
        return System.getenv("CI") == null && isTty(2);
    }

    /** Whether this process's stdin is a terminal, where a read waits for someone to type. */
    static boolean stdinIsTty() {
        return isTty(0);
    }

    private static boolean isTty(int fd) {
        try {
            String target =
                    Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
