package dev.gctyping.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.client.OpenTarget;
import dev.gctyping.client.PlatformApi;
import dev.gctyping.client.Target;
import dev.gctyping.dialect.DeliveryStats;
import dev.gctyping.dialect.Dialect;
import dev.gctyping.dialect.LatencyProbe;
import dev.gctyping.dialect.PayloadSink;
import dev.gctyping.dialect.PayloadTransport;
import dev.gctyping.dialect.PlanSettings;
import dev.gctyping.dialect.PlannedWire;
import dev.gctyping.dialect.SendPlan;
import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.engine.Signal;
import dev.gctyping.engine.TypingEngine;
import dev.gctyping.engine.TypingListener;
import dev.gctyping.metrics.EngagementMetrics;
import dev.gctyping.metrics.GuestTruth;
import dev.gctyping.metrics.Intervals;
import dev.gctyping.protocol.SimulatorReport;
import dev.gctyping.protocol.SimulatorReport.ConversationReport;
import dev.gctyping.protocol.SimulatorReport.SenderReport;
import dev.gctyping.support.Json;
import dev.gctyping.support.JsonLine;
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
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replay over the wire: the engine's payloads leave through a dialect's transport, guests on the
 * Guest API time their arrival, and afterwards the simulator's report proves what the guest saw.
 * Produces the metric records (delivery and guest-truth figures added), the summary's totals and,
 * per conversation, the violations {@code --assert} fails on.
 */
public final class WireReplay implements AutoCloseable {
    /** How a wire replay runs. */
    public record Options(
            Dialect dialect,
            EngineSettings settings,
            Pacer pacer,
            int queueLimit,
            PlanSettings plan,
            long pauseThresholdMs,
            int observingGuests,
            boolean enrich) {}

    /**
     * What came out: the records sorted as usual, the summary record, the violations by conversation
     * ({@code conversations} lists every one, violated or not), per agent handle what the
     * simulator's report says its guest saw (empty without a report), and how often each of the
     * simulator's faults struck during this replay (by fault name; empty without a report).
     */
    public record Outcome(
            ReplayStats stats,
            List<String> records,
            String summary,
            DeliveryTotals totals,
            Map<String, List<Violation>> violations,
            List<String> conversations,
            boolean guestTruthAvailable,
            IntFunction<Optional<Intervals>> guestVisible,
            Map<String, Long> faultsInjected) {}

    private static final Logger LOG = LoggerFactory.getLogger(WireReplay.class);
    /** How often the wait for the last sends says what it waits for. */
    private static final Duration SETTLE_REPORT_EVERY = Duration.ofSeconds(2);
    /**
     * The most the guests may take to receive what was pushed to them before the last acknowledgement:
     * a guest whose socket is lost must not stall the run.
     */
    private static final Duration GUEST_CATCH_UP = Duration.ofSeconds(2);

    private final PlatformApi api;
    private final Supplier<Optional<SimulatorReport>> reports;
    private final Options options;
    private final Replayer replayer;
    private final LatencyProbe latency = new LatencyProbe();
    private final PayloadTransport transport;
    private final SendPlan plan;
    private final GuestObservers guests;
    /** What the simulator's faults had injected before this replay: a long-running one counts every run's. */
    private final Map<String, Long> faultsBefore;

    private TypingListener signals = (agent, signal, at) -> {};

    /**
     * @param reports the simulator's report of a run (given the run id), if there is one
     * @param tap also sees every payload (e.g. {@code --print-payloads}); may be a no-op
     */
    public WireReplay(OpenTarget open, Options options, PlannedWire.SendListener tap) {
        // a fresh run per replay on a simulator: a long-running one's report then holds this replay alone
        OpenTarget scoped =
                open.target().isSimulator() ? open.forRun(UUID.randomUUID().toString()) : open;
        Target target = scoped.target();
        this.api = scoped.api();
        this.reports = scoped::simulatorReport;
        this.faultsBefore = reports.get().map(WireReplay::faultsInjected).orElse(Map.of());
        this.options = options;
        Dialect dialect = options.dialect();
        this.transport = dialect.open(scoped, options.queueLimit(), latency);
        this.plan = dialect.plan(options.plan());
        this.guests = new GuestObservers(target, latency, target.isSimulator() ? options.observingGuests() : 0);
        PlannedWire wire = new PlannedWire(plan, tap, transport);
        this.replayer = new Replayer(
                options.settings(),
                new PayloadSink.Forwarding(wire) {
                    @Override
                    public void typing(AgentState agent, Signal signal, long at) {
                        signals.onSignal(agent, signal, at);
                        connect(agent.conversationId());
                        next.typing(agent, signal, at);
                    }

                    @Override
                    public CompletableFuture<?> connectAhead(AgentState agent) {
                        return connect(agent.conversationId());
                    }
                },
                new EngagementMetrics(options.pauseThresholdMs()));
    }

    /**
     * The first time a conversation is seen: its guest joins, and its connection opens after it.
     *
     * @return what completes when both are ready; complete already for a conversation seen before
     */
    private CompletableFuture<?> connect(String conversationId) {
        CompletableFuture<Void> guestReady = guests.ensure(conversationId);
        return guestReady == null
                ? CompletableFuture.completedFuture(null)
                : transport.open(conversationId, guestReady);
    }

    /** All agents' payloads sent and delivered so far, and how many are pending: for progress. */
    public DeliveryStats delivered() {
        return transport.delivered();
    }

    public int pending() {
        return transport.pending();
    }

    /** The engine, whose {@code agent(…)} the trace reader resolves identifiers with. */
    public TypingEngine engine() {
        return replayer.engine();
    }

    /** Shows the engine's payloads to {@code signals} too (a report's recorder), before they are planned. */
    public void tapSignals(TypingListener signals) {
        this.signals = signals;
    }

    /** Hands every trace event to {@code tap} too (see {@link Replayer#tap}). */
    public void tap(Replayer.EventTap tap) {
        replayer.tap(tap);
    }

    /**
     * Replays, waits for the transport to settle, closes every connection (what is still queued
     * then counts as lost), and reads the report.
     */
    public Outcome run(TraceMerger trace, LongConsumer progress) throws IOException {
        ReplayStats stats;
        try (transport;
                guests) {
            stats = replayer.run(trace, progress, options.pacer());
            if (stats.complete()) {
                long started = System.nanoTime();
                boolean settled = awaitSettled();
                if (settled) {
                    guests.catchUp(GUEST_CATCH_UP);
                }
                stats = stats.plusSettling(System.nanoTime() - started, settled);
            }
        }
        return outcome(trace, stats, transport, reports.get());
    }

    /**
     * Waits until every send is delivered or has definitively failed: a slow or failing platform
     * costs time, not data. Says on stderr what it waits for; an interrupt (Ctrl-C) stops the wait,
     * and what is still pending then counts as lost.
     *
     * @return false when stopped before everything settled
     */
    private boolean awaitSettled() {
        try {
            while (!transport.drain(SETTLE_REPORT_EVERY)) {
                LOG.info(
                        "waiting for {} send(s) to be delivered (retries, backoff or a reconnect); Ctrl-C stops",
                        transport.pending());
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Closes the connections if {@link #run} never did (e.g. the trace could not be opened). */
    @Override
    public void close() {
        transport.close();
        guests.close();
    }

    private Outcome outcome(
            TraceMerger trace, ReplayStats stats, PayloadTransport transport, Optional<SimulatorReport> report) {
        TypingEngine engine = replayer.engine();
        EngagementMetrics metrics = replayer.metrics();
        Map<String, List<Violation>> violations = new TreeMap<>();
        Map<String, long[]> deliveredByConversation = new LinkedHashMap<>();
        DeliveryTotals totals = new DeliveryTotals();
        for (int handle = 0; handle < engine.agentCount(); handle++) {
            AgentState agent = engine.state(handle);
            DeliveryStats d = transport.delivery(agent);
            List<Violation> problems = violations.computeIfAbsent(agent.conversationId(), id -> new ArrayList<>());
            for (String reason : d.lossReasons()) {
                problems.add(new Violation("agent " + agent.agentId(), "payload lost: " + reason));
            }
            deliveredByConversation.computeIfAbsent(agent.conversationId(), id -> new long[1])[0] += d.delivered();
            totals.add(d, plan.skippedForBudget(handle));
        }
        // indexed once: 10 000 conversations looked up one by one in the report's list took seconds
        Optional<Map<String, ConversationReport>> reported = report.map(SimulatorReport::byConversation);
        reported.ifPresent(r -> checkAgainstReport(r, deliveredByConversation, violations));
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
                    .field("refreshesSkippedForBudget", plan.skippedForBudget(handle));
            reported.flatMap(r -> sender(r, agent, transport)).ifPresent(sender -> {
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
                JsonNode participant =
                        AnalyticsEnrichment.agentParticipant(conversation, agent.agentId(), transport.senderId(agent));
                if (participant != null) {
                    fields.rawField("agentParticipant", Json.write(participant));
                }
            }
            fields.field("complete", stats.complete());
        });
        JsonLine summary = ReplaySummary.of(trace, engine, stats);
        report.ifPresent(r -> truthTotal[0].appendTotalsTo(summary));
        totals.appendTo(summary, options.dialect().name(), latency);
        Map<String, Long> faultsInjected = new LinkedHashMap<>();
        report.ifPresent(r -> {
            faultsInjected(r)
                    .forEach((fault, count) -> faultsInjected.put(fault, count - faultsBefore.getOrDefault(fault, 0L)));
            JsonLine injected = JsonLine.object();
            faultsInjected.forEach(injected::field);
            summary.field("faultsInjected", injected);
        });
        String summaryLine = summary.field("complete", stats.complete()).toString();
        List<String> conversations = List.copyOf(violations.keySet());
        violations.values().removeIf(List::isEmpty);
        return new Outcome(
                stats,
                records,
                summaryLine,
                totals,
                violations,
                conversations,
                report.isPresent(),
                handle -> reported.flatMap(r -> sender(r, engine.state(handle), transport))
                        .map(WireReplay::visible),
                faultsInjected);
    }

    /** A report's fault counts; none from a simulator that predates them. */
    private static Map<String, Long> faultsInjected(SimulatorReport report) {
        return report.faultsInjected() == null ? Map.of() : report.faultsInjected();
    }

    /**
     * Delivery proof: what the server recorded per conversation must equal what the client saw
     * acknowledged, and (seed) no guest may be left with an indicator nothing will end.
     */
    private void checkAgainstReport(
            Map<String, ConversationReport> report,
            Map<String, long[]> delivered,
            Map<String, List<Violation>> violations) {
        delivered.forEach((conversationId, count) -> {
            List<Violation> problems = violations.computeIfAbsent(conversationId, id -> new ArrayList<>());
            Optional<ConversationReport> seen = Optional.ofNullable(report.get(conversationId));
            long recorded = seen.map(c -> c.senders().stream()
                            .mapToLong(s -> s.typingPayloads() + s.messages())
                            .sum())
                    .orElse(0L);
            if (recorded != count[0]) {
                problems.add(new Violation(
                        null,
                        "the server recorded " + recorded + " payload(s), the client saw " + count[0]
                                + " acknowledged"));
            }
            seen.ifPresent(c -> c.senders().forEach(sender -> {
                List<SimulatorReport.Interval> intervals = sender.intervals();
                if (options.dialect().endsTypingExplicitly()
                        && !intervals.isEmpty()
                        && "open".equals(intervals.get(intervals.size() - 1).endedBy())) {
                    problems.add(
                            new Violation("sender " + sender.senderId(), "the guest's typing indicator was left on"));
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

    private static Optional<SenderReport> sender(
            Map<String, ConversationReport> report, AgentState agent, PayloadTransport transport) {
        String senderId = transport.senderId(agent);
        return senderId == null
                ? Optional.empty()
                : Optional.ofNullable(report.get(agent.conversationId())).flatMap(c -> c.sender(senderId));
    }

    private static Intervals visible(SenderReport sender) {
        Intervals visible = new Intervals();
        sender.intervals().forEach(i -> visible.add(i.start(), i.end()));
        return visible;
    }
}
