package dev.gctyping.dialect;

import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.Signal;
import dev.gctyping.engine.TypingListener;
import java.util.concurrent.CompletableFuture;

/** Where the engine's payloads and the agents' messages go, in emission order: a dialect's wire, or nowhere. */
public interface PayloadSink {
    /** Sends nothing: dry runs. */
    PayloadSink NONE = new PayloadSink() {
        @Override
        public void typing(AgentState agent, Signal signal, long at) {}

        @Override
        public void message(AgentState agent, String text, long at) {}
    };

    /** A payload the engine emitted at time {@code at}. */
    void typing(AgentState agent, Signal signal, long at);

    /** The agent sent its message, whatever the engine emitted for it. */
    void message(AgentState agent, String text, long at);

    /**
     * The agent will send soon (the opening of a paced replay): open its conversation's connections
     * now, so that the first payloads do not wait for a handshake.
     *
     * @return what completes when they are open
     */
    default CompletableFuture<?> connectAhead(AgentState agent) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Holds what is planned from now on until {@link #endHold()}: a paced replay plans its opening
     * before its clock starts, and releases each send at its trace time.
     */
    default void hold() {}

    /** Stops holding. @return what was held, in emission order */
    default HeldSends endHold() {
        return HeldSends.NONE;
    }

    /** The engine's expiry changed mid-session (the live prompt's {@code :set expiry}): later sends follow it. */
    default void expiryChanged(long expiryMs) {}

    /** A trace line named the agent's messages communication id: use it rather than looking one up. */
    default void useCommunication(AgentState agent, String communicationId) {}

    /** This sink, with each engine payload also shown to {@code signals} first (a report's recorder). */
    default PayloadSink showingSignalsTo(TypingListener signals) {
        return new Forwarding(this) {
            @Override
            public void typing(AgentState agent, Signal signal, long at) {
                signals.onSignal(agent, signal, at);
                next.typing(agent, signal, at);
            }
        };
    }

    /** A sink that hands everything to the next one: a wrapper overrides what it adds to. */
    abstract class Forwarding implements PayloadSink {
        protected final PayloadSink next;

        protected Forwarding(PayloadSink next) {
            this.next = next;
        }

        @Override
        public void typing(AgentState agent, Signal signal, long at) {
            next.typing(agent, signal, at);
        }

        @Override
        public void message(AgentState agent, String text, long at) {
            next.message(agent, text, at);
        }

        @Override
        public CompletableFuture<?> connectAhead(AgentState agent) {
            return next.connectAhead(agent);
        }

        @Override
        public void hold() {
            next.hold();
        }

        @Override
        public HeldSends endHold() {
            return next.endHold();
        }

        @Override
        public void expiryChanged(long expiryMs) {
            next.expiryChanged(expiryMs);
        }

        @Override
        public void useCommunication(AgentState agent, String communicationId) {
            next.useCommunication(agent, communicationId);
        }
    }
}
