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
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongConsumer;

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

    /** What came out: records sorted as usual, summary totals, and violations by conversation. */
    public record Outcome(ReplayStats stats, List<String> records, Totals totals, Map<String, List<String>> violations,
            List<String> conversations, boolean guestTruthAvailable) {
        /** Adds the delivery totals and latency percentiles to the {@code replay_summary} record. */
        public JsonLine appendTo(JsonLine summary) {
            return totals.appendTo(summary);
        }
    }

    /** Summed delivery figures and the end-to-end latency (wall clock, engine emission to guest receipt). */
    public record Totals(String dialect, long sent, long delivered, long lost, long retries, long rateLimited, long skippedForBudget,
            long latencySamples, double p50, double p95, double p99, double max) {
        JsonLine appendTo(JsonLine summary) {
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
    /** The simulator run this replay names (null against Genesys Cloud): its report counts this replay alone. */
    private final String run;
    private final Function<String, Optional<SimulatorReport>> reports;
    private final Options options;
    private final Replayer replayer;
    private final LatencyProbe latency = new LatencyProbe();
    private final PayloadTransport transport;
    private final GuestObservers guests;

    /**
     * @param reports the simulator's report of a run (given the run id), if there is one
     * @param tap also sees every payload (e.g. {@code --print-payloads}); may be a no-op
     */
    public WireReplay(OpenTarget open, Function<String, Optional<SimulatorReport>> reports, Options options, TypingListener tap) {
        // a fresh run per replay: a long-running simulator's report then holds this replay's payloads only
        this.run = open.target().isSimulator() ? UUID.randomUUID().toString() : null;
        OpenTarget scoped = run == null ? open : open.forRun(run);
        Target target = scoped.target();
        this.api = scoped.api();
        this.reports = reports;
        this.options = options;
        this.transport = PayloadTransports.open(scoped, options.dialect(), options.settings().expiryMs(), options.requestsPerMinute(),
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
        return outcome(stats, transport, reports.apply(run));
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
                latency.count(), latency.percentileMs(50), latency.percentileMs(95), latency.percentileMs(99), latency.maxMs());
        List<String> conversations = List.copyOf(violations.keySet());
        violations.values().removeIf(List::isEmpty);
        return new Outcome(stats, records, summary, violations, conversations, report.isPresent());
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
