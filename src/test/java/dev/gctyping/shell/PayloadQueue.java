package dev.gctyping.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.Signal;
import dev.gctyping.engine.TypingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Payloads from the engine thread as {@code "conv/agent SIGNAL@at"}, awaited with a timeout. */
final class PayloadQueue implements TypingListener {
    private final BlockingQueue<String> payloads = new LinkedBlockingQueue<>();

    @Override
    public void onSignal(AgentState agent, Signal signal, long at) {
        payloads.add(agent.conversationId() + "/" + agent.agentId() + " " + signal + "@" + at);
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
