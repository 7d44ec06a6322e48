package dev.gctyping.client;

import dev.gctyping.support.GctypingHome;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Target configuration in one place, in the order flags > environment ({@code GENESYSCLOUD_REGION},
 * {@code GENESYSCLOUD_OAUTHCLIENT_ID}, {@code GENESYSCLOUD_OAUTHCLIENT_SECRET}, as Genesys' {@code gc}
 * CLI uses them) > profile file ({@code ~/.gctyping/config}) > the embedded simulator. The home
 * directory and the environment are parameters, so tests never touch the real ones.
 */
public final class TargetConfig {
    public static final String ENV_REGION = "GENESYSCLOUD_REGION";
    public static final String ENV_CLIENT_ID = "GENESYSCLOUD_OAUTHCLIENT_ID";
    public static final String ENV_CLIENT_SECRET = "GENESYSCLOUD_OAUTHCLIENT_SECRET";

    /** Where to connect, before any network I/O. */
    public enum Kind {
        /** Nothing configured: start a simulator in-process. */
        EMBEDDED_SIMULATOR,
        /** {@code --target URL}: a running {@code gctyping simulate}. */
        SIMULATOR_URL,
        /** A region of real Genesys Cloud. */
        GENESYS_CLOUD
    }

    /**
     * The resolved choice. {@code clientId}/{@code clientSecret} are null for a simulator when not
     * configured (its default credentials then apply); {@link #toString()} masks the secret.
     */
    public record Choice(Kind kind, URI simulatorUrl, String region, String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "Choice[" + kind + (simulatorUrl == null ? "" : " " + simulatorUrl)
                    + (region == null ? "" : " " + region) + ", clientId=" + clientId + ", clientSecret="
                    + (clientSecret == null ? "none" : "****") + "]";
        }
    }

    private final GctypingHome home;
    private final Map<String, String> env;

    /** @param userHome where {@code .gctyping} is when {@code env} names neither GCTYPING_HOME nor HOME */
    public TargetConfig(Path userHome, Map<String, String> env) {
        this.home = new GctypingHome(env, userHome);
        this.env = env;
    }

    /** Where tokens are cached on disk. */
    public Path tokenDirectory() {
        return home.tokenDirectory();
    }

    public Choice resolve(TargetRequest request) {
        ProfileFile file = ProfileFile.load(home.profileFile());
        Map<String, String> profile =
                file.profile(request.profile() == null ? ProfileFile.DEFAULT_PROFILE : request.profile());
        String clientId = first(request.clientId(), env.get(ENV_CLIENT_ID), profile.get("client_id"));
        String secret = first(env.get(ENV_CLIENT_SECRET), profile.get("client_secret"));

        if (request.targetUrl() != null) {
            if (request.region() != null) {
                throw new ConfigException(
                        "--target and --region exclude each other: --target is a simulator, --region is Genesys Cloud");
            }
            if ((clientId == null) != (secret == null)) {
                throw missingCredential(clientId == null, "the simulator at " + request.targetUrl());
            }
            return new Choice(Kind.SIMULATOR_URL, parseUrl(request.targetUrl()), null, clientId, secret);
        }
        String region = first(request.region(), env.get(ENV_REGION), profile.get("region"));
        if (region == null) {
            if (clientId != null || secret != null) {
                throw new ConfigException("credentials are configured but no region: set --region, " + ENV_REGION
                        + " or region in a profile (valid regions: " + Regions.validRegions() + ")");
            }
            return new Choice(Kind.EMBEDDED_SIMULATOR, null, null, null, null);
        }
        try {
            Regions.domain(region);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        if (clientId == null || secret == null) {
            throw missingCredential(clientId == null, "region " + region);
        }
        if (request.realRegionRefusal() != null) {
            throw new ConfigException(request.realRegionRefusal());
        }
        return new Choice(Kind.GENESYS_CLOUD, null, region, clientId, secret);
    }

    private static ConfigException missingCredential(boolean idMissing, String where) {
        return new ConfigException(
                idMissing
                        ? "no OAuth client id for " + where + ": set --client-id, " + ENV_CLIENT_ID
                                + " or client_id in a profile"
                        : "no OAuth client secret for " + where + ": set " + ENV_CLIENT_SECRET
                                + " or client_secret in a profile (~/.gctyping/config, mode 600); there is no flag, so it stays out of shell history");
    }

    private static URI parseUrl(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--target '" + url + "' is not a URL like http://127.0.0.1:8080");
        }
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.strip();
            }
        }
        return null;
    }
}
