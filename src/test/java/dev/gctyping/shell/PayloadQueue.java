package dev.gctyping.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.dialect.PayloadSink;
import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.Signal;
import dev.gctyping.engine.TypingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Payloads from the engine thread as {@code "conv/agent SIGNAL@at"} (and, as a wire, messages as
 * {@code "conv/agent MESSAGE text@at"}), awaited with a timeout.
 */
final class PayloadQueue implements TypingListener, PayloadSink {
    private final BlockingQueue<String> payloads = new LinkedBlockingQueue<>();

    @Override
    public void onSignal(AgentState agent, Signal signal, long at) {
        payloads.add(agent.conversationId() + "/" + agent.agentId() + " " + signal + "@" + at);
    }

    @Override
    public void typing(AgentState agent, Signal signal, long at) {
        onSignal(agent, signal, at);
    }

    @Override
    public void message(AgentState agent, String text, long at) {
        payloads.add(agent.conversationId() + "/" + agent.agentId() + " MESSAGE " + text + "@" + at);
    }

    String next() throws InterruptedException {
        String payload = payloads.poll(10, TimeUnit.SECONDS);
        assertThat(payload).as("a payload within 10 s").isNotNull();
        return payload;
    }

    /** Whatever has arrived so far, without waiting. */
    List<String> drain() {
        List<String> arrived = new ArrayList<>();
        payloads.drainTo(arrived);
        return arrived;
    }
}
