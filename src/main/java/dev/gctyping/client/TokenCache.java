package dev.gctyping.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gctyping.support.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens on disk, one file per (environment, client id) under {@code ~/.gctyping/tokens/} (see
 * {@link dev.gctyping.support.GctypingHome}), so short
 * commands in a loop do not each spend a token request. Files are 0600 in a 0700 directory; the
 * file name is a hash (the client id does not appear in it) and the secret is never stored.
 * A cache that cannot be read or written is skipped with a debug line: it is an optimisation only.
 * A cache directory (or its parent, {@code ~/.gctyping}) that others may write to is not used at all,
 * with a warning: whoever can write there can swap a token in or out.
 */
final class TokenCache {
    private static final Logger log = LoggerFactory.getLogger(TokenCache.class);
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path file;
    private boolean warned;

    TokenCache(Path directory, String environment, String clientId) {
        this.file = directory.resolve(key(environment, clientId) + ".json");
    }

    static String key(String environment, String clientId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((environment + '\n' + clientId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    Optional<AccessToken> read() {
        if (!trusted() || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY_FILE)) {
                log.warn("ignoring token cache {}: it is readable by others (expected mode 600)", file);
                return Optional.empty();
            }
            JsonNode node = Json.MAPPER.readTree(file.toFile());
            return Optional.of(new AccessToken(
                    node.path("accessToken").asText(),
                    node.path("tokenType").asText(),
                    node.path("expiresIn").asLong(),
                    Instant.ofEpochMilli(node.path("expiresAt").asLong()),
                    true));
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("token cache {} unreadable, ignoring it: {}", file, e.toString());
            return Optional.empty();
        }
    }

    void write(AccessToken token) {
        ObjectNode node = Json.MAPPER
                .createObjectNode()
                .put("accessToken", token.value())
                .put("tokenType", token.tokenType())
                .put("expiresIn", token.expiresInSeconds())
                .put("expiresAt", token.expiresAt().toEpochMilli());
        if (!trusted()) {
            return;
        }
        try {
            Path directory = file.getParent();
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            }
            // written in full to a 0600 temporary file first, so no reader ever sees a partial or open file
            Path temporary = Files.createTempFile(
                    directory, "token", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            try {
                Files.write(temporary, Json.MAPPER.writeValueAsBytes(node));
                moveIntoPlace(temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("cannot write token cache {}: {}", file, e.toString());
        }
    }

    /** Whether the directory and its parent, where they exist, are writable by their owner only. */
    private boolean trusted() {
        Path directory = file.getParent();
        for (Path checked : new Path[] {directory, directory.getParent()}) {
            try {
                if (checked == null || !Files.isDirectory(checked)) {
                    continue;
                }
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(checked);
                if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                    if (!warned) {
                        warned = true;
                        log.warn(
                                "not using the token cache: {} is writable by other users (chmod 700 {} to use it)",
                                checked,
                                checked);
                    }
                    return false;
                }
            } catch (IOException | UnsupportedOperationException e) {
                log.debug("cannot check the permissions of {}, not using the token cache: {}", checked, e.toString());
                return false;
            }
        }
        return true;
    }

    private void moveIntoPlace(Path temporary) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("cannot delete token cache {}: {}", file, e.toString());
        }
    }
}
