package dev.gctyping.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry policy for every HTTP call (token and platform API), modelled on Genesys' own
 * clients: 429 waits for {@code Retry-After} plus jitter, and gives up at once when the server asks
 * for more than {@link #MAX_RETRY_AFTER}; 5xx (but 501) and transport failures back off
 * exponentially; every other answer goes back to the caller. Attempts are bounded, and tighter for
 * transport failures ({@link #MAX_TRANSPORT_ATTEMPTS}): a host that refuses connections rarely
 * starts accepting them within minutes, and a CLI should not hang that long to say so. A 429 is
 * not a failed attempt: the platform says "later", never "no", so only
 * {@link #MAX_RATE_LIMITED} of them give up (a transient limit costs time, not data).
 */
public final class RetryingHttp implements AutoCloseable {
    /** Genesys' CLI does not wait for a Retry-After above this; neither do we. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(180);
    /** Per-request timeout callers put on their requests. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public static final int MAX_TRANSPORT_ATTEMPTS = 3;
    public static final int MAX_RATE_LIMITED = 50;
    private static final Logger log = LoggerFactory.getLogger(RetryingHttp.class);

    private final HttpLink link;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Sleeper sleeper;
    private final RequestStats stats = new RequestStats();
    /** Set by {@link #close()}: a closed link never answers. */
    private volatile boolean closed;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    RetryingHttp(HttpLink link, Backoff backoff, int maxAttempts, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.link = link;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.sleeper = sleeper;
    }

    /** Production settings: 1 s doubling to 60 s, 8 attempts, real sleeps. */
    public static RetryingHttp standard() {
        return withSleeper(Sleeper.REAL);
    }

    /** Production settings with another sleeper (tests pass one that returns at once). */
    public static RetryingHttp withSleeper(Sleeper sleeper) {
        return withSleeper(sleeper, new JdkHttp(newHttpClient()));
    }

    /**
     * For the embedded simulator: plain HTTP on loopback, each exchange on its caller's thread
     * ({@link LoopbackHttp}). It never loads the JDK's HTTP client or its TLS provider (about a
     * fifth of a second at a cold start); an https URL fails.
     */
    public static RetryingHttp plainHttpOnly(Sleeper sleeper) {
        return withSleeper(sleeper, new LoopbackHttp(CONNECT_TIMEOUT));
    }

    private static RetryingHttp withSleeper(Sleeper sleeper, HttpLink link) {
        return new RetryingHttp(
                link,
                new Backoff(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(60),
                        () -> ThreadLocalRandom.current().nextDouble()),
                8,
                sleeper);
    }

    /** HTTP/1.1 (no h2c upgrade noise against a plain-HTTP simulator); TLS verification stays on. */
    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** Ends the link (the JDK client's selector thread, or the loopback client's connections): no request may follow. */
    @Override
    public void close() {
        closed = true;
        link.close();
    }

    public RequestStats stats() {
        return stats;
    }

    /** A failure to reach {@code uri}, in words: the JDK's ConnectException has no message at all. */
    static String transportFailure(IOException e, URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        String where = uri.getHost() + ":" + port;
        if (e instanceof HttpConnectTimeoutException) {
            return "no answer from " + where + " (connect timed out)";
        }
        if (e instanceof ConnectException) {
            return "the connection to " + where + " was refused (is the server running, and is that its port?)";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /**
     * Sends {@code request} (built afresh for each attempt) until it gets an answer that retrying
     * cannot change, and returns that answer whatever its status.
     *
     * @param what names the call in messages, e.g. "token request to mypurecloud.ie"
     * @throws UnavailableException when attempts run out, the server asks for a wait above the limit,
     *     or the client is closed
     */
    public HttpResponse<String> send(Supplier<HttpRequest> request, String what) {
        return send(request, what, null);
    }

    /**
     * As {@link #send(Supplier, String)}, also counting this call's attempts into {@code call}
     * (null for none): concurrent callers each learn what their own call cost.
     */
    public HttpResponse<String> send(Supplier<HttpRequest> request, String what, RequestStats call) {
        int rateLimited = 0;
        int transportFailures = 0;
        for (int attempt = 1; ; attempt++) {
            if (closed) {
                throw new UnavailableException(what + ": not sent, the HTTP client is closed");
            }
            count(call, RequestStats::request);
            Duration wait;
            String failure;
            HttpRequest sent = request.get();
            try {
                HttpResponse<String> response = link.send(sent);
                int status = response.statusCode();
                if (status == 429) {
                    count(call, RequestStats::rateLimited);
                    OptionalLong retryAfter = retryAfterSeconds(response);
                    if (retryAfter.isPresent() && retryAfter.getAsLong() > MAX_RETRY_AFTER.toSeconds()) {
                        throw new UnavailableException(what + " was rate limited (429) and told to wait "
                                + retryAfter.getAsLong() + " s, more than the " + MAX_RETRY_AFTER.toSeconds()
                                + " s we wait; try again later");
                    }
                    wait = retryAfter.isPresent()
                            ? Duration.ofSeconds(retryAfter.getAsLong())
                                    .plus(backoff.jitter(250 + retryAfter.getAsLong() * 100))
                            : backoff.delay(attempt);
                    failure = "rate limited (429)";
                    rateLimited++;
                } else if (status >= 500 && status != 501) {
                    count(call, RequestStats::serverError);
                    wait = backoff.delay(attempt);
                    failure = "HTTP " + status;
                } else {
                    return response;
                }
            } catch (IOException e) {
                if (closed) {
                    throw new UnavailableException(what + ": not sent, the HTTP client is closed");
                }
                count(call, RequestStats::serverError);
                failure = transportFailure(e, sent.uri());
                // counted apart: a kept-alive connection the server closed during a long Retry-After
                // fails once, and must not end a call whose earlier attempts were answered
                transportFailures++;
                if (transportFailures >= Math.min(maxAttempts, MAX_TRANSPORT_ATTEMPTS)) {
                    throw new UnavailableException(what + " failed after " + attempt + " attempts: " + failure, e);
                }
                wait = backoff.delay(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnavailableException(what + " was interrupted");
            }
            if (attempt - rateLimited >= maxAttempts || rateLimited >= MAX_RATE_LIMITED) {
                throw new UnavailableException(what + " failed after " + attempt + " attempts: " + failure);
            }
            count(call, RequestStats::retry);
            log.debug("{}: {}; retry {} in {} ms", what, failure, attempt, wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnavailableException(what + " was interrupted while waiting to retry");
            }
        }
    }

    private void count(RequestStats call, Consumer<RequestStats> counter) {
        counter.accept(stats);
        if (call != null) {
            counter.accept(call);
        }
    }

    /** {@code Retry-After} in seconds; HTTP-date values (which Genesys does not send) count as absent. */
    static OptionalLong retryAfterSeconds(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Retry-After")
                .map(String::trim)
                .filter(v -> v.matches("\\d{1,9}"))
                .map(v -> OptionalLong.of(Long.parseLong(v)))
                .orElse(OptionalLong.empty());
    }
}
