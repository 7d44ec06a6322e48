package dev.gctyping.replay;

/**
 * One thing the delivery proof found wrong in a conversation: who it concerns (an agent, a guest's
 * sender; null for the conversation as a whole) and what, so identical problems can be counted together.
 */
public record Violation(String subject, String problem) {
    @Override
    public String toString() {
        return subject == null ? problem : subject + ": " + problem;
    }
}
