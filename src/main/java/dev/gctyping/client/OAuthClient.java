package dev.gctyping.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.support.Json;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth client credentials, as Genesys' official clients do it: {@code POST {login}/oauth/token}
 * with HTTP Basic auth and {@code grant_type=client_credentials}. Tokens are kept in memory and,
 * when a cache directory is given, on disk; a new one is fetched 60 s before expiry, or at once after
 * {@link #invalidate()} (a 401 mid-run). Thread-safe.
 */
public final class OAuthClient {
    private static final Logger log = LoggerFactory.getLogger(OAuthClient.class);

    private final Target target;
    private final RetryingHttp http;
    private final Clock clock;
    private final Optional<TokenCache> disk;
    private AccessToken current;
    /** The token request under way, shared by everyone who needs a new token meanwhile; null if none. */
    private CompletableFuture<AccessToken> fetching;

    /**
     * @param tokenDirectory where tokens are cached on disk (normally {@code ~/.gctyping/tokens}), or null for memory only
     */
    public OAuthClient(Target target, RetryingHttp http, Clock clock, Path tokenDirectory) {
        this.target = target;
        this.http = http;
        this.clock = clock;
        this.disk = Optional.ofNullable(tokenDirectory)
                .map(dir -> new TokenCache(dir, target.environment(), target.clientId()));
    }

    /** A token valid for at least the refresh margin: from memory, else from disk, else freshly requested. */
    public AccessToken token() {
        synchronized (this) {
            if (current != null && isFresh(current)) {
                return current.asCached();
            }
            Optional<AccessToken> fromDisk = disk.flatMap(TokenCache::read).filter(this::isFresh);
            if (fromDisk.isPresent()) {
                log.debug(
                        "using the cached token for {} (expires {})",
                        target.environment(),
                        fromDisk.get().expiresAt());
                current = fromDisk.get();
                return current;
            }
        }
        return fetchNew();
    }

    /**
     * Requests a new token whatever the caches hold (and caches it): proves the credentials still
     * work. Callers that ask while a request is under way share its answer: after a token died,
     * the sockets refused with it all want a new one at once, and one request at a time each would
     * keep them waiting for one another (the request itself is not held under the lock).
     */
    public AccessToken fetchNew() {
        CompletableFuture<AccessToken> fetch;
        boolean mine;
        synchronized (this) {
            mine = fetching == null;
            if (mine) {
                fetching = new CompletableFuture<>();
            }
            fetch = fetching;
        }
        if (mine) {
            try {
                AccessToken fetched = request();
                synchronized (this) {
                    current = fetched;
                    disk.ifPresent(cache -> cache.write(fetched));
                }
                fetch.complete(fetched);
            } catch (RuntimeException | Error e) {
                fetch.completeExceptionally(e);
            } finally {
                synchronized (this) {
                    fetching = null;
                }
            }
        }
        try {
            return fetch.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /** Forgets the current token (memory and disk), e.g. after a 401; the next {@link #token()} requests a new one. */
    public synchronized void invalidate() {
        current = null;
        disk.ifPresent(TokenCache::delete);
    }

    public Target target() {
        return target;
    }

    private boolean isFresh(AccessToken token) {
        return clock.instant().isBefore(token.refreshAt());
    }

    private AccessToken request() {
        String credentials = urlEncode(target.clientId()) + ':' + urlEncode(target.clientSecret());
        String basic = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(
                () -> HttpRequest.newBuilder(target.tokenUri())
                        .timeout(RetryingHttp.REQUEST_TIMEOUT)
                        .header("Authorization", basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                "token request to " + target.environment());
        int status = response.statusCode();
        if (status == 400 || status == 401 || status == 403) {
            throw new AuthException("authentication refused by " + target.environment() + " for client id "
                    + target.clientId() + " (HTTP " + status + errorCode(response.body())
                    + "); check the client id, the secret and the region");
        }
        if (status != 200) {
            throw new UnavailableException("token request to " + target.environment() + " answered HTTP " + status);
        }
        JsonNode body = parse(response.body());
        String value = body.path("access_token").asText("");
        if (value.isEmpty()) {
            throw new UnavailableException("token response from " + target.environment() + " has no access_token");
        }
        long expiresIn = body.path("expires_in").asLong(86_400);
        log.debug("got a token for {} (expires in {} s)", target.environment(), expiresIn);
        return new AccessToken(
                value,
                body.path("token_type").asText("bearer"),
                expiresIn,
                clock.instant().plusSeconds(expiresIn),
                false);
    }

    /** The OAuth error code only ({@code invalid_client}); descriptions could echo what we sent. */
    private static String errorCode(String body) {
        try {
            String error = Json.MAPPER.readTree(body).path("error").asText("");
            return error.matches("[a-z_]{1,40}") ? ", " + error : "";
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UnavailableException("token response from " + target.environment() + " is not JSON");
        }
    }

    // RFC 6749 §2.3.1: id and secret are form-encoded before Basic encoding
    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
