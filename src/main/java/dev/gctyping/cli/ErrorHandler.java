package dev.gctyping.cli;

import dev.gctyping.client.AuthException;
import dev.gctyping.client.ClientException;
import dev.gctyping.client.ConfigException;
import dev.gctyping.trace.MissingTraceException;
import dev.gctyping.trace.TraceFormatException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Maps failures to one line on stderr and a documented exit code. Stack traces only with
 * {@code --verbose}, and only for unexpected errors. A usage error is the error and where to read
 * more, as gh and kubectl do, not the whole help (which buried the error under 100 lines).
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("gctyping: " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("see '" + cli.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        cli.getOut().flush();
        if (ex instanceof TraceFormatException badLine) {
            err.println(badLine.getMessage()); // FILE:LINE: reason, exactly
            err.flush();
            return ExitCodes.DATA_ERROR;
        }
        if (ex instanceof MissingTraceException missing) {
            err.println("gctyping: cannot read " + missing.getMessage());
            err.flush();
            return ExitCodes.NO_INPUT;
        }
        if (ex instanceof ClientException client) {
            err.println("gctyping: " + client.getMessage());
            err.flush();
            return exitCode(client);
        }
        if (ex instanceof CliException known) {
            err.println("gctyping: " + known.getMessage());
            if (verbose(parsed) && known.getCause() != null) {
                known.getCause().printStackTrace(err);
            }
            err.flush();
            return known.exitCode();
        }
        err.println("gctyping: internal error: " + ex + (verbose(parsed) ? "" : " (run with -v for the stack trace)"));
        if (verbose(parsed)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.SOFTWARE;
    }

    /** Configuration mistakes are usage errors; refusals are auth (77); the rest is the service's (69). */
    static int exitCode(ClientException failure) {
        if (failure instanceof ConfigException) {
            return ExitCodes.USAGE;
        }
        if (failure instanceof AuthException) {
            return ExitCodes.NO_PERMISSION;
        }
        return ExitCodes.UNAVAILABLE;
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
