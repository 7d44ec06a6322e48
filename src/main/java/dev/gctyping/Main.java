package dev.gctyping;

import dev.gctyping.cli.GcTypingCommand;

/** Process entry point: everything testable lives behind {@link GcTypingCommand#run(String...)}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(GcTypingCommand.run(args));
    }
}
