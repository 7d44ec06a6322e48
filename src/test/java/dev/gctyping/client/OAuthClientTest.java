package dev.gctyping.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gctyping.client.StubHttpServer.Answer;
import dev.gctyping.support.LogCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OAuthClientTest {
    static final String SECRET = "s3cr3t-value-never-shown";
    static final String TOKEN_JSON = "{\"access_token\":\"tok-1\",\"token_type\":\"bearer\",\"expires_in\":3600}";

    @TempDir
    Path home;

    final StubHttpServer server = newServer();
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final RecordingSleeper sleeper = new RecordingSleeper();

    static StubHttpServer newServer() {
        try {
            return new StubHttpServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Target target() {
        return Target.simulator(server.uri(), java.net.URI.create("ws://127.0.0.1:1"), "my-client", SECRET);
    }

    OAuthClient client(Path tokenDirectory) {
        return new OAuthClient(target(), RetryingHttp.withSleeper(sleeper), clock, tokenDirectory);
    }

    @Test
    void requestsWithBasicAuthAndCachesInMemoryUntilTheRefreshMargin() {
        server.then(Answer.json(200, TOKEN_JSON)).then(Answer.json(200, TOKEN_JSON.replace("tok-1", "tok-2")));
        OAuthClient oauth = client(null);

        AccessToken first = oauth.token();
        assertThat(first.value()).isEqualTo("tok-1");
        assertThat(first.cached()).isFalse();
        assertThat(first.expiresAt()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
        StubHttpServer.Received request = server.received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/oauth/token");
        assertThat(request.body()).isEqualTo("grant_type=client_credentials");
        assertThat(request.header("Authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString(("my-client:" + SECRET).getBytes(StandardCharsets.UTF_8)));

        clock.advance(Duration.ofSeconds(3600 - 61));
        assertThat(oauth.token().cached()).isTrue();
        assertThat(server.received).hasSize(1);

        clock.advance(Duration.ofSeconds(2)); // now within 60 s of expiry
        assertThat(oauth.token().value()).isEqualTo("tok-2");
        assertThat(server.received).hasSize(2);
    }

    @Test
    void invalidateForcesANewRequest() {
        server.then(Answer.json(200, TOKEN_JSON)).then(Answer.json(200, TOKEN_JSON.replace("tok-1", "tok-2")));
        OAuthClient oauth = client(null);
        oauth.token();
        oauth.invalidate();
        assertThat(oauth.token().value()).isEqualTo("tok-2");
    }

    @Test
    void diskCacheIsOwnerOnlyHashedAndHoldsNoSecret() throws IOException {
        server.then(Answer.json(200, TOKEN_JSON));
        Path tokens = home.resolve(".gctyping/tokens");
        client(tokens).token();

        List<Path> files;
        try (Stream<Path> listing = Files.list(tokens)) {
            files = listing.toList();
        }
        assertThat(files).hasSize(1);
        Path file = files.get(0);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens)))
                .isEqualTo("rwx------");
        assertThat(file.getFileName().toString()).doesNotContain("my-client");
        assertThat(Files.readString(file)).doesNotContain(SECRET).contains("tok-1");

        AccessToken fromDisk = client(tokens).token(); // a new process, in effect
        assertThat(fromDisk.value()).isEqualTo("tok-1");
        assertThat(fromDisk.cached()).isTrue();
        assertThat(server.received).hasSize(1);
    }

    @Test
    void aCacheFileReadableByOthersIsIgnored() throws IOException {
        server.then(Answer.json(200, TOKEN_JSON)).then(Answer.json(200, TOKEN_JSON.replace("tok-1", "tok-2")));
        Path tokens = home.resolve("tokens");
        client(tokens).token();
        try (Stream<Path> listing = Files.list(tokens)) {
            Files.setPosixFilePermissions(
                    listing.findFirst().orElseThrow(), PosixFilePermissions.fromString("rw-r--r--"));
        }
        assertThat(client(tokens).token().value()).isEqualTo("tok-2");
    }

    @Test
    void aCacheDirectoryOthersMayWriteToIsNotUsedAndSaysWhy() throws IOException {
        server.then(Answer.json(200, TOKEN_JSON)).then(Answer.json(200, TOKEN_JSON.replace("tok-1", "tok-2")));
        Path gctyping = home.resolve(".gctyping");
        Path tokens = gctyping.resolve("tokens");
        client(tokens).token();
        Files.setPosixFilePermissions(gctyping, PosixFilePermissions.fromString("rwxrwxrwx"));

        try (LogCapture logs = new LogCapture()) {
            assertThat(client(tokens).token().value())
                    .as("the cached tok-1 is not read")
                    .isEqualTo("tok-2");
            assertThat(logs.messages())
                    .containsOnlyOnce("not using the token cache: " + gctyping
                            + " is writable by other users (chmod 700 " + gctyping + " to use it)");
        }
        try (Stream<Path> listing = Files.list(tokens)) {
            assertThat(Files.readString(listing.findFirst().orElseThrow()))
                    .as("nor overwritten")
                    .contains("tok-1");
        }
    }

    @Test
    void refusedCredentialsNameEnvironmentAndClientButNeverTheSecret() {
        server.then(Answer.json(401, "{\"error\":\"invalid_client\",\"description\":\"authentication failed\"}"));
        assertThatThrownBy(() -> client(null).token())
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("my-client")
                .hasMessageContaining(target().environment())
                .hasMessageContaining("invalid_client")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void tokenRequestsRetry429WithTheInjectedSleeper() {
        server.then(new Answer(429, Map.of("Retry-After", "3"), ""))
                .then(new Answer(429, Map.of("Retry-After", "3"), ""))
                .then(Answer.json(200, TOKEN_JSON));
        assertThat(client(null).token().value()).isEqualTo("tok-1");
        assertThat(sleeper.waits)
                .hasSize(2)
                .allSatisfy(wait -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(3)));
    }

    @Test
    void toStringsMaskSecretAndToken() {
        server.then(Answer.json(200, TOKEN_JSON));
        assertThat(target().toString()).doesNotContain(SECRET);
        assertThat(client(null).token().toString()).doesNotContain("tok-1");
    }
}
