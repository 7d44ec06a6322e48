package dev.gctyping.shell;

import java.util.List;

/** What the prompt knows of the guest's side: its last frames, in the conversation being typed into. */
public interface GuestSide {
    /** The guest's last frames, oldest first, one line each. */
    List<String> lastFrames();

    /** Follows the agent into another conversation. */
    void follow(String conversationId);
}
