package dev.gctyping.metrics;

import dev.gctyping.support.JsonLine;

/** Adds fields to an agent's {@code metrics} object (delivery and guest-truth figures, for example). */
@FunctionalInterface
public interface MetricsExtension {
    MetricsExtension NONE = (agent, metrics) -> {};

    void addTo(int agent, JsonLine metrics);
}
