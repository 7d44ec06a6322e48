package dev.gctyping.client;

import dev.gctyping.protocol.Dialect;

/**
 * What the command line asked for (each may be null): {@code --target}, {@code --region},
 * {@code --profile}, {@code --dialect}, {@code --client-id}. {@link TargetConfig} fills the gaps.
 */
public record TargetRequest(String targetUrl, String region, String profile, Dialect dialect, String clientId) {
    /** Nothing asked: environment, profile file, or else the embedded simulator. */
    public static TargetRequest none() {
        return new TargetRequest(null, null, null, null, null);
    }
}
