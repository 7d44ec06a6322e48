package dev.gctyping.engine;

/** A payload the engine emits, with the reason it was emitted. */
public enum Signal {
    /** {@code active}: the first keystroke of a typing run. */
    ACTIVE_START(true),
    /** {@code active} again: a keystroke at least one dedup window after the last {@code active}. */
    ACTIVE_REFRESH(true),
    /** {@code inactive}: no keystroke for the expiry time. */
    INACTIVE_EXPIRED(false),
    /** {@code inactive}: the agent sent the message. */
    INACTIVE_SENT(false),
    /** {@code inactive}: the agent left the input box. */
    INACTIVE_BLURRED(false);

    private final boolean active;

    Signal(boolean active) {
        this.active = active;
    }

    /** The wire state: {@code active} or {@code inactive}. */
    public boolean active() {
        return active;
    }

    public String wireState() {
        return active ? "active" : "inactive";
    }
}
