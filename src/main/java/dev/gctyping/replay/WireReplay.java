package dev.gctyping.replay;

import dev.gctyping.protocol.Dialect;
import dev.gctyping.client.OpenTarget;
import dev.gctyping.client.PlatformApi;
import dev.gctyping.client.Target;
import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.engine.TypingEngine;
import dev.gctyping.engine.TypingListener;
import dev.gctyping.metrics.EngagementMetrics;
import dev.gctyping.metrics.GuestTruth;
import dev.gctyping.metrics.Intervals;
import dev.gctyping.simulator.SimulatorReport;
import dev.gctyping.simulator.SimulatorReport.ConversationReport;
import dev.gctyping.simulator.SimulatorReport.SenderReport;
import dev.gctyping.support.Json;
import dev.gctyping.support.JsonLine;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.trace.TraceMerger;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * A replay over the wire: the engine's payloads leave through a dialect's transport, guests on the
 * Guest API time their arrival, and afterwards the simulator's report proves what the guest saw.
 * Produces the metric records (delivery and guest-truth figures added), the summary's totals and,
 * per conversation, the violations {@code --assert} fails on.
 */
public final class WireReplay implements AutoCloseable {
    /** How a wire replay runs. */
    public record Options(Dialect dialect, EngineSettings settings, Pacer pacer, int queueLimit, int requestsPerMinute,
            long pauseThresholdMs, int observingGuests, Duration drainTimeout, boolean enrich) {
    }

    /**
     * What came out: records sorted as usual, summary totals, violations by conversation, and per agent
     * handle what the simulator's report says its guest saw (empty without a report).
     */
    public record Outcome(ReplayStats stats, List<String> records, Totals totals, Map<String, List<String>> violations,
            List<String> conversations, boolean guestTruthAvailable, IntFunction<Optional<Intervals>> guestVisible) {
        /** Adds the delivery totals and latency percentiles to the {@code replay_summary} record. */
        public JsonLine appendTo(JsonLine summary) {
            return totals.appendTo(summary);
        }
    }

    /**
     * Summed delivery figures, the end-to-end latency (wall clock, engine emission to guest receipt)
     * and the guest truth summed over agents (empty without a simulator report).
     */
    public record Totals(String dialect, long sent, long delivered, long lost, long retries, long rateLimited, long skippedForBudget,
            long latencySamples, double p50, double p95, double p99, double max, Optional<GuestTruth> truth) {
        JsonLine appendTo(JsonLine summary) {
            truth.ifPresent(t -> summary.field("guestVisibleTypingMs", t.guestVisibleTypingMs())
                    .field("staleTypingMs", t.staleTypingMs())
                    .field("blindTypingMs", t.blindTypingMs())
                    .field("maxStaleMs", t.maxStaleMs())
                    .field("staleTypingShare", t.staleShare())
                    .field("blindTypingShare", t.blindShare()));
            return summary.field("dialect", dialect)
                    .field("payloadsSent", sent)
                    .field("payloadsDelivered", delivered)
                    .field("payloadsLost", lost)
                    .field("retries", retries)
                    .field("rateLimited", rateLimited)
                    .field("refreshesSkippedForBudget", skippedForBudget)
                    .field("latencySamples", latencySamples)
                    .field("latencyMsP50", p50)
                    .field("latencyMsP95", p95)
                    .field("latencyMsP99", p99)
                    .field("latencyMsMax", max);
        }
    }

    private final PlatformApi api;
    private final Supplier<Optional<SimulatorReport>> reports;
    private final Options options;
    private final Replayer replayer;
    private final LatencyProbe latency = new LatencyProbe();
    private final PayloadTransport transport;
    private final GuestObservers guests;

    /**
     * @param tap also sees every payload (e.g. {@code --print-payloads}); may be a no-op
     */
    public WireReplay(OpenTarget open, Supplier<Optional<SimulatorReport>> reports, Options options, TypingListener tap) {
        Target target = open.target();
        this.api = open.api();
        this.reports = reports;
        this.options = options;
        this.transport = PayloadTransports.open(open, options.dialect(), options.settings().expiryMs(), options.requestsPerMinute(),
                options.queueLimit(), latency);
        this.guests = new GuestObservers(target, latency, target.isSimulator() ? options.observingGuests() : 0);
        this.replayer = new Replayer(options.settings(), (agent, signal, at) -> {
            tap.onSignal(agent, signal, at);
            guests.ensure(agent.conversationId());
            transport.typing(agent, signal, at);
        }, new Replayer.WireHooks() {
            @Override
            public void onMessage(int agent, String text, long at) {
                transport.message(engine().state(agent), text, at);
            }

            @Override
            public void onCommunication(int agent, String communicationId) {
                transport.useCommunication(engine().state(agent), communicationId);
            }
        }, new EngagementMetrics(options.pauseThresholdMs()));
    }

    /** The engine, whose {@code agent(…)} the trace reader resolves identifiers with. */
    public TypingEngine engine() {
        return replayer.engine();
    }

    /** Hands every trace event to {@code tap} too (see {@link Replayer#tap}). */
    public void tap(Replayer.EventTap tap) {
        replayer.tap(tap);
    }

    /**
     * Replays, waits for the transport to settle, closes every connection (what is still queued
     * then counts as lost), and reads the report.
     */
    public Outcome run(TraceMerger trace, LongConsumer progress) throws IOException, InterruptedException {
        ReplayStats stats;
        try (transport; guests) {
            stats = replayer.run(trace, progress, options.pacer());
            transport.drain(options.drainTimeout());
        }
        return outcome(stats, transport, reports.get());
    }

    /** Closes the connections if {@link #run} never did (e.g. the trace could not be opened). */
    @Override
    public void close() {
        transport.close();
        guests.close();
    }

    private Outcome outcome(ReplayStats stats, PayloadTransport transport, Optional<SimulatorReport> report) {
        TypingEngine engine = replayer.engine();
        EngagementMetrics metrics = replayer.metrics();
        Map<String, List<String>> violations = new TreeMap<>();
        Map<String, long[]> deliveredByConversation = new LinkedHashMap<>();
        long[] totals = new long[6]; // sent, delivered, lost, retries, rateLimited, skipped
        for (int handle = 0; handle < engine.agentCount(); handle++) {
            AgentState agent = engine.state(handle);
            DeliveryStats d = transport.delivery(agent);
            List<String> problems = violations.computeIfAbsent(agent.conversationId(), id -> new ArrayList<>());
            for (String reason : d.lossReasons()) {
                problems.add("agent " + agent.agentId() + ": payload lost: " + reason);
            }
            deliveredByConversation.computeIfAbsent(agent.conversationId(), id -> new long[1])[0] += d.delivered();
            totals[0] += d.sent();
            totals[1] += d.delivered();
            totals[2] += d.lost();
            totals[3] += d.retried();
            totals[4] += d.rateLimited();
            totals[5] += d.skippedForBudget();
        }
        report.ifPresent(r -> checkAgainstReport(r, deliveredByConversation, violations));
        Map<String, JsonNode> analytics = options.enrich() ? enrichment(engine, metrics) : Map.of();
        GuestTruth[] truthTotal = {GuestTruth.NONE};

        List<String> records = metrics.records(engine, (handle, fields) -> {
            AgentState agent = engine.state(handle);
            DeliveryStats d = transport.delivery(agent);
            fields.field("payloadsSent", d.sent())
                    .field("payloadsDelivered", d.delivered())
                    .field("payloadsLost", d.lost())
                    .field("retries", d.retried())
                    .field("rateLimited", d.rateLimited())
                    .field("reconnects", transport.reconnects(agent.conversationId()))
                    .field("refreshesSkippedForBudget", d.skippedForBudget());
            report.flatMap(r -> sender(r, agent, transport)).ifPresent(sender -> {
                GuestTruth truth = GuestTruth.compare(metrics.composingIntervals(handle), visible(sender));
                truthTotal[0] = truthTotal[0].plus(truth);
                fields.field("guestVisibleTypingMs", truth.guestVisibleTypingMs())
                        .field("staleTypingMs", truth.staleTypingMs())
                        .field("blindTypingMs", truth.blindTypingMs())
                        .field("maxStaleMs", truth.maxStaleMs());
            });
            JsonNode conversation = analytics.get(agent.conversationId());
            if (conversation != null) {
                fields.rawField("conversationStart", quotedOrNull(conversation.path("conversationStart")))
                        .rawField("conversationEnd", quotedOrNull(conversation.path("conversationEnd")))
                        .rawField("originatingDirection", quotedOrNull(conversation.path("originatingDirection")));
                JsonNode participant = AnalyticsEnrichment.agentParticipant(conversation, agent.agentId(), transport.senderId(agent));
                if (participant != null) {
                    fields.rawField("agentParticipant", Json.write(participant));
                }
            }
            fields.field("complete", stats.complete());
        });
        Totals summary = new Totals(options.dialect().cliName(), totals[0], totals[1], totals[2], totals[3], totals[4], totals[5],
                latency.count(), latency.percentileMs(50), latency.percentileMs(95), latency.percentileMs(99), latency.maxMs(),
                report.map(r -> truthTotal[0]));
        List<String> conversations = List.copyOf(violations.keySet());
        violations.values().removeIf(List::isEmpty);
        return new Outcome(stats, records, summary, violations, conversations, report.isPresent(),
                handle -> report.flatMap(r -> sender(r, engine.state(handle), transport)).map(WireReplay::visible));
    }

    /**
     * Delivery proof: what the server recorded per conversation must equal what the client saw
     * acknowledged, and (seed) no guest may be left with an indicator nothing will end.
     */
    private void checkAgainstReport(SimulatorReport report, Map<String, long[]> delivered, Map<String, List<String>> violations) {
        delivered.forEach((conversationId, count) -> {
            List<String> problems = violations.computeIfAbsent(conversationId, id -> new ArrayList<>());
            Optional<ConversationReport> seen = report.conversation(conversationId);
            long recorded = seen.map(c -> c.senders().stream().mapToLong(s -> s.typingPayloads() + s.messages()).sum()).orElse(0L);
            if (recorded != count[0]) {
                problems.add("the server recorded " + recorded + " payload(s), the client saw " + count[0] + " acknowledged");
            }
            seen.ifPresent(c -> c.senders().forEach(sender -> {
                List<SimulatorReport.Interval> intervals = sender.intervals();
                if ("seed".equals(sender.dialect()) && !intervals.isEmpty()
                        && "open".equals(intervals.get(intervals.size() - 1).endedBy())) {
                    problems.add("sender " + sender.senderId() + ": the guest's typing indicator was left on");
                }
            }));
        });
    }

    /** One analytics lookup per conversation, over the replay's span. */
    private Map<String, JsonNode> enrichment(TypingEngine engine, EngagementMetrics metrics) {
        List<String> ids = new ArrayList<>(new TreeSet<>(conversationIds(engine)));
        long[] span = metrics.span();
        return AnalyticsEnrichment.lookup(api, ids, span[0], span[1]);
    }

    private static List<String> conversationIds(TypingEngine engine) {
        List<String> ids = new ArrayList<>();
        for (int handle = 0; handle < engine.agentCount(); handle++) {
            ids.add(engine.state(handle).conversationId());
        }
        return ids;
    }

    private static String quotedOrNull(JsonNode value) {
        return value.isTextual() ? Json.write(value) : "null";
    }

    private static Optional<SenderReport> sender(SimulatorReport report, AgentState agent, PayloadTransport transport) {
        String senderId = transport.senderId(agent);
        return senderId == null ? Optional.empty() : report.conversation(agent.conversationId()).flatMap(c -> c.sender(senderId));
    }

    private static Intervals visible(SenderReport sender) {
        Intervals visible = new Intervals();
        sender.intervals().forEach(i -> visible.add(i.start(), i.end()));
        return visible;
    }
}
