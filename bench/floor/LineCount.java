import java.io.FileInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The least a picocli command can do with a trace: start, parse its arguments, and touch every
 * byte once (counting lines). No JSON, no engine, no metrics. Its whole-process time is a floor
 * under `gctyping replay --dry-run` on the same file, on the same JVM (see bench/floor.sh).
 */
@Command(name = "line-count", mixinStandardHelpOptions = true)
public final class LineCount implements Callable<Integer> {
    @Option(names = "--dry-run")
    boolean dryRun;

    @Parameters(arity = "1")
    List<String> files;

    private static long lines;

    /** A method of its own, so the JIT compiles the loop as soon as it is hot. */
    private static void count(byte[] buffer, int length) {
        long n = lines;
        for (int i = 0; i < length; i++) {
            if (buffer[i] == '\n') {
                n++;
            }
        }
        lines = n;
    }

    @Override
    public Integer call() throws IOException {
        try (FileInputStream in = new FileInputStream(files.get(0))) {
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                count(buffer, read);
            }
        }
        System.out.println("{\"lines\":" + lines + "}");
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LineCount()).execute(args));
    }
}
