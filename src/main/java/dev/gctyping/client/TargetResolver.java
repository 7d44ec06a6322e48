package dev.gctyping.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.protocol.SimulatorApi;
import dev.gctyping.support.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the configuration into an {@link OpenTarget}: a region of Genesys Cloud, a running simulator
 * ({@code --target URL}, whose socket URL comes from its {@code GET /sim/info}), or, when nothing is
 * configured, a simulator started in this process (said on stderr).
 */
public final class TargetResolver {
    private static final Logger log = LoggerFactory.getLogger(TargetResolver.class);

    private final TargetConfig config;
    private final Clock clock;
    private final Sleeper sleeper;
    private final LocalSimulator.Starter embedded;

    /** @param embedded starts the in-process simulator, when nothing else is configured */
    public TargetResolver(TargetConfig config, Clock clock, Sleeper sleeper, LocalSimulator.Starter embedded) {
        this.config = config;
        this.clock = clock;
        this.sleeper = sleeper;
        this.embedded = embedded;
    }

    public OpenTarget open(TargetRequest request) {
        TargetConfig.Choice choice = config.resolve(request);
        return switch (choice.kind()) {
            case GENESYS_CLOUD -> {
                RetryingHttp http = RetryingHttp.withSleeper(sleeper);
                Target target = Target.genesysCloud(choice.region(), choice.clientId(), choice.clientSecret());
                yield new OpenTarget(target, null, http, oauth(target, http, true));
            }
            case SIMULATOR_URL -> {
                RetryingHttp http = RetryingHttp.withSleeper(sleeper);
                URI wsUri = socketUri(choice.simulatorUrl(), http);
                Target target = simulatorTarget(choice.simulatorUrl(), wsUri, choice);
                yield new OpenTarget(target, null, http, oauth(target, http, true));
            }
            case EMBEDDED_SIMULATOR -> startEmbedded(RetryingHttp.plainHttpOnly(sleeper));
        };
    }

    private OpenTarget startEmbedded(RetryingHttp http) {
        LocalSimulator simulator;
        try {
            simulator = embedded.start();
        } catch (IOException e) {
            throw new UnavailableException("cannot start the embedded simulator: " + e.getMessage(), e);
        }
        log.info(
                "no Genesys Cloud credentials configured: using an embedded simulator at {} "
                        + "(see README, \"Connecting to a real org\")",
                simulator.httpUri());
        try {
            Target target = Target.simulator(
                    simulator.httpUri(), simulator.wsUri(), simulator.clientId(), simulator.clientSecret());
            // its ports change every run, so caching its tokens on disk would only leave files behind
            return new OpenTarget(target, simulator, http, oauth(target, http, false));
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    private static Target simulatorTarget(URI httpUri, URI wsUri, TargetConfig.Choice choice) {
        String clientId = choice.clientId() == null ? SimulatorApi.DEFAULT_CLIENT_ID : choice.clientId();
        String secret = choice.clientSecret() == null ? SimulatorApi.DEFAULT_CLIENT_SECRET : choice.clientSecret();
        try {
            return Target.simulator(httpUri, wsUri, clientId, secret);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private OAuthClient oauth(Target target, RetryingHttp http, boolean diskCache) {
        return new OAuthClient(target, http, clock, diskCache ? config.tokenDirectory() : null);
    }

    /** Asks a running simulator for its WebSocket base ({@code GET /sim/info} → {@code wsUrl}). */
    private static URI socketUri(URI simulatorUrl, RetryingHttp http) {
        try {
            Target.requireSafeScheme(simulatorUrl, "http", "https");
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--target: " + e.getMessage());
        }
        URI info = URI.create(simulatorUrl.toString().replaceAll("/+$", "") + SimulatorApi.INFO_PATH);
        HttpResponse<String> response = http.send(
                () -> HttpRequest.newBuilder(info)
                        .timeout(RetryingHttp.REQUEST_TIMEOUT)
                        .GET()
                        .build(),
                "GET " + info);
        if (response.statusCode() != 200) {
            throw new UnavailableException(
                    info + " answered HTTP " + response.statusCode() + ": is --target a `gctyping simulate` URL?");
        }
        try {
            JsonNode wsUrl = Json.MAPPER.readTree(response.body()).path("wsUrl");
            if (!wsUrl.isTextual()) {
                throw new UnavailableException(info + " has no wsUrl: is --target a `gctyping simulate` URL?");
            }
            return URI.create(wsUrl.asText());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnavailableException(info + " did not answer simulator info JSON");
        }
    }
}
