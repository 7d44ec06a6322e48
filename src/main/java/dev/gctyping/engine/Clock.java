package dev.gctyping.engine;

/**
 * Where live drivers read the time they pass to the engine. The engine itself never reads a
 * clock: replays pass trace timestamps, the live prompt passes this clock's readings, and tests
 * pass whatever they like.
 */
@FunctionalInterface
public interface Clock {
    /** Epoch milliseconds; must never go backwards. */
    long millis();
}
