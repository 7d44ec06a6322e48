package dev.gctyping.cli;

import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.engine.Signal;
import dev.gctyping.engine.TypingEngine;
import dev.gctyping.engine.TypingListener;
import dev.gctyping.metrics.MetricsExtension;
import dev.gctyping.protocol.SeedPayload;
import dev.gctyping.replay.ReplayStats;
import dev.gctyping.replay.Replayer;
import dev.gctyping.support.JsonLine;
import dev.gctyping.trace.InvalidLinePolicy;
import dev.gctyping.trace.TraceFormat;
import dev.gctyping.trace.TraceMerger;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gctyping replay}: recorded keystrokes through the engine, metrics out. */
@Command(name = "replay",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Replay keystroke trace files through the typing engine and report NDJSON metrics.",
        description = {
            "Reads one or more trace files (NDJSON, or CSV by .csv extension; gzip is detected), merges them by "
                + "timestamp and runs the dedup/expiry engine on the trace's own clock, as fast as the machine allows.",
            "",
            "stdout: the payloads (with --print-payloads), then one agent_typing_engagement record per "
                + "(conversation, agent) sorted by conversationId then agentId, then one replay_summary record. "
                + "A bad line stops the replay (exit 65, FILE:LINE: reason on stderr) before any metrics are printed; "
                + "payloads already printed stay printed, since they stream.",
            "",
            "Trace line: {\"ts\":<epoch ms or ISO-8601>,\"conversationId\":\"…\",\"agentId\":\"…\","
                + "\"event\":\"keystroke|send|blur\"} (event defaults to keystroke; key, text and other fields are allowed).",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gctyping replay --dry-run samples/single-agent.ndjson",
            "  gctyping replay --dry-run --print-payloads --dedup-window 1s --expiry 5s samples/transfer.ndjson",
            "  zcat big.ndjson.gz | gctyping replay --dry-run -",
            "  gctyping replay --dry-run --skip-invalid --format csv recorded.csv",
        })
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Trace files, merged by timestamp; '-' reads stdin.")
    List<String> files;

    @Option(names = "--dry-run", description = "Run the engine only: no network, virtual clock (the trace's timestamps).")
    boolean dryRun;

    @Option(names = "--dedup-window", paramLabel = "DURATION", defaultValue = "500ms", converter = DurationConverter.class,
            description = "While typing, send 'active' again at most once per this window. Default: ${DEFAULT-VALUE}.")
    long dedupWindowMs;

    @Option(names = "--expiry", paramLabel = "DURATION", defaultValue = "3s", converter = DurationConverter.class,
            description = "Send 'inactive' after this long without a keystroke. Default: ${DEFAULT-VALUE}.")
    long expiryMs;

    @Option(names = "--print-payloads", description = "Print each payload's wire JSON on stdout, one per line, in emission order.")
    boolean printPayloads;

    @Option(names = "--skip-invalid",
            description = "Skip bad lines (each reported on stderr, counted as invalidLines) instead of stopping.")
    boolean skipInvalid;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "Trace format: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE} (CSV for *.csv[.gz], else NDJSON).")
    TraceFormat format;

    InputStream stdin = System.in;

    @Override
    public Integer call() throws IOException {
        if (!dryRun) {
            throw new CliException(ExitCodes.USAGE,
                    "replay over the wire is not available yet: add --dry-run to run the engine without a network");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EngineSettings settings = new EngineSettings(dedupWindowMs, expiryMs);
        Replayer replayer = new Replayer(settings, printPayloads ? new PayloadPrinter(out) : (agent, signal, at) -> { });
        InvalidLinePolicy policy = skipInvalid
                ? error -> err.println(error.getMessage() + " (skipped)")
                : InvalidLinePolicy.FAIL;

        try (TraceMerger trace = TraceMerger.open(files, format, policy, replayer.engine()::agent, stdin)) {
            LongConsumer progress = ProgressLine.create(err, logging.quiet(), trace::bytesRead, totalBytes());
            ReplayStats stats = replayer.run(trace, progress);
            ProgressLine.finish(progress);
            for (String record : replayer.metrics().records(replayer.engine(), MetricsExtension.NONE)) {
                out.println(record);
            }
            out.println(summary(trace, replayer.engine(), stats));
        }
        return ExitCodes.OK;
    }

    private long totalBytes() throws IOException {
        long total = 0;
        for (String file : files) {
            if (!file.equals(TraceMerger.STDIN)) {
                total += Files.size(Path.of(file));
            }
        }
        return total;
    }

    private static String summary(TraceMerger trace, TypingEngine engine, ReplayStats stats) {
        Set<String> conversations = new HashSet<>();
        for (int agent = 0; agent < engine.agentCount(); agent++) {
            conversations.add(engine.state(agent).conversationId());
        }
        return JsonLine.object()
                .field("event", "replay_summary")
                .field("files", trace.files())
                .field("events", stats.events())
                .field("keystrokes", stats.keystrokes())
                .field("payloads", stats.payloads())
                .field("conversations", conversations.size())
                .field("agents", engine.agentCount())
                .field("invalidLines", trace.invalidLines())
                .field("elapsedMs", stats.elapsedMs())
                .field("eventsPerSecond", Math.round(stats.eventsPerSecond()))
                .toString();
    }

    /** Prints each payload in the seed dialect, exactly as it would go on the wire. */
    private static final class PayloadPrinter implements TypingListener {
        private final PrintWriter out;
        private final SeedPayload encoder = new SeedPayload();

        PayloadPrinter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void onSignal(AgentState agent, Signal signal, long at) {
            out.append(encoder.encode(agent.conversationId(), agent.agentId(), at, signal.active())).append('\n');
        }
    }
}
