package dev.gctyping.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The process exit codes, sysexits-style, documented in {@code --help} and the README. */
public final class ExitCodes {
    public static final int OK = 0;
    /**
     * An assertion, smoke check or threshold failed (e.g. a payload was lost under {@code --assert}), or
     * {@code tune --require-fit} found no point within the budget.
     */
    public static final int ASSERTION_FAILED = 1;
    /** The command line was wrong (picocli's default for usage errors). */
    public static final int USAGE = 2;
    /** Input data was malformed: a bad trace line, an unknown event, a timestamp going backwards. */
    public static final int DATA_ERROR = 65;
    /** An input file does not exist or cannot be read. */
    public static final int NO_INPUT = 66;
    /** An output file (a report, a recording) cannot be written. */
    public static final int CANT_CREATE = 73;
    /** An unexpected internal error (a bug: please report it), or running out of memory ({@link OutOfMemory}). */
    public static final int SOFTWARE = 70;
    /** A service (Genesys Cloud or the simulator) could not be reached or kept failing. */
    public static final int UNAVAILABLE = 69;
    /** Authentication or permission was refused. */
    public static final int NO_PERMISSION = 77;
    /** Interrupted by the user (Ctrl-C). */
    public static final int INTERRUPTED = 130;

    /** What {@code --help} of every command lists, in numeric order. */
    static final Map<String, String> HELP_LIST = helpList();

    private static Map<String, String> helpList() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "ok");
        codes.put("1", "an assertion, smoke check or --threshold failed, or tune --require-fit found no fit");
        codes.put("2", "usage error (bad option or argument)");
        codes.put("65", "bad input data (FILE:LINE: reason on stderr)");
        codes.put("66", "an input file is missing or unreadable");
        codes.put("69", "service unavailable (network, simulator, Genesys Cloud)");
        codes.put("70", "internal error (a bug), or out of memory");
        codes.put("73", "an output file cannot be written");
        codes.put("77", "authentication or permission refused");
        codes.put("130", "interrupted (Ctrl-C)");
        // the JVM's own code for SIGTERM (128 + 15): the work gathered so far is printed as for Ctrl-C
        codes.put("143", "terminated (SIGTERM)");
        return codes;
    }

    private ExitCodes() {}
}
