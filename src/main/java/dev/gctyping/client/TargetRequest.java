package dev.gctyping.client;

/**
 * What the command line asked for (each may be null): {@code --target}, {@code --region},
 * {@code --profile}, {@code --client-id}; and, when the chosen dialect cannot be used against a
 * real org, why not ({@code realRegionRefusal}). {@link TargetConfig} fills the gaps.
 */
public record TargetRequest(
        String targetUrl, String region, String profile, String clientId, String realRegionRefusal) {
    /** Nothing asked: environment, profile file, or else the embedded simulator. */
    public static TargetRequest none() {
        return new TargetRequest(null, null, null, null, null);
    }
}
