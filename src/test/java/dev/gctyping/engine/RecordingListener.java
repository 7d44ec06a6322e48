package dev.gctyping.engine;

import java.util.ArrayList;
import java.util.List;

/** Collects emitted payloads as compact strings such as {@code "a1 active@0"} for readable assertions. */
final class RecordingListener implements TypingListener {
    final List<String> payloads = new ArrayList<>();
    final List<Signal> signals = new ArrayList<>();

    @Override
    public void onSignal(AgentState agent, Signal signal, long at) {
        payloads.add(agent.agentId() + " " + signal.wireState() + "@" + at);
        signals.add(signal);
    }
}
