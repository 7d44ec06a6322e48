package dev.gctyping.app;

import dev.gctyping.client.AccessToken;
import dev.gctyping.client.AuthException;
import dev.gctyping.client.OpenTarget;
import dev.gctyping.client.TargetRequest;
import java.util.Optional;

/** The auth job: a token for the target, from the cache or the server. */
public final class Auth {
    /** The token, where it is valid ({@code environment}), or empty when {@code --check} was refused. */
    public record Result(String environment, Optional<AccessToken> token) {}

    private final Targets targets;

    public Auth(Targets targets) {
        this.targets = targets;
    }

    /**
     * @param fresh ask the server for a new token: a cached one would say nothing about a revoked secret
     * @throws AuthException refused, unless {@code fresh} (then the result has no token)
     */
    public Result token(TargetRequest request, boolean fresh) {
        try (OpenTarget open = targets.open(request)) {
            String environment = open.target().environment();
            try {
                return new Result(
                        environment,
                        Optional.of(
                                fresh ? open.oauth().fetchNew() : open.oauth().token()));
            } catch (AuthException refused) {
                if (fresh) {
                    return new Result(environment, Optional.empty());
                }
                throw refused;
            }
        }
    }
}
