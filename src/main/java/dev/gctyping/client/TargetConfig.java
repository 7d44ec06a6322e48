package dev.gctyping.client;

import dev.gctyping.support.GctypingHome;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Target configuration in one place, in the order flags > environment ({@code GENESYSCLOUD_REGION},
 * {@code GENESYSCLOUD_OAUTHCLIENT_ID}, {@code GENESYSCLOUD_OAUTHCLIENT_SECRET}, as Genesys' {@code gc}
 * CLI uses them) > profile file ({@code ~/.gctyping/config}) > the embedded simulator. The home
 * directory and the environment are parameters, so tests never touch the real ones.
 */
public final class TargetConfig {
    private static final Logger log = LoggerFactory.getLogger(TargetConfig.class);
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
        Path path = home.profileFile();
        ProfileFile file = ProfileFile.load(path);
        String profileName = request.profile() == null ? ProfileFile.DEFAULT_PROFILE : request.profile();
        Map<String, String> profile = file.profile(profileName);
        String inProfile = "profile [" + profileName + "] in " + path;
        Setting targetUrl = Setting.first(
                Setting.flag("--target", request.targetUrl()), Setting.profile(inProfile, "target", profile));
        Setting region = Setting.first(
                Setting.flag("--region", request.region()),
                Setting.environment(ENV_REGION, env),
                Setting.profile(inProfile, "region", profile));
        Setting clientId = Setting.first(
                Setting.flag("--client-id", request.clientId()),
                Setting.environment(ENV_CLIENT_ID, env),
                Setting.profile(inProfile, "client_id", profile));
        Setting secret = Setting.first(
                Setting.environment(ENV_CLIENT_SECRET, env), Setting.profile(inProfile, "client_secret", profile));
        log.debug(
                "settings: target {}; region {}; client id {}; client secret {}",
                Setting.shown(targetUrl),
                Setting.shown(region),
                Setting.shown(clientId),
                secret == null ? Setting.NOT_SET : "set (from " + secret.source() + ")");

        if (targetUrl != null && (region == null || targetUrl.rank() < region.rank())) {
            String url = targetUrl.value();
            if ((clientId == null) != (secret == null)) {
                throw missingCredential(clientId == null, "the simulator at " + url);
            }
            return new Choice(
                    Kind.SIMULATOR_URL, parseUrl(url, targetUrl.source()), null, value(clientId), value(secret));
        }
        if (targetUrl != null && targetUrl.rank() == region.rank()) {
            throw new ConfigException(
                    targetUrl.rank() == Setting.FLAG
                            ? "--target and --region exclude each other: --target is a simulator, --region is Genesys Cloud"
                            : inProfile + " sets both target (a simulator) and region (Genesys Cloud): keep one");
        }
        if (region == null) {
            if (clientId != null || secret != null) {
                throw new ConfigException("credentials are configured ("
                        + (clientId != null ? "client id" : "client secret")
                        + " from " + (clientId != null ? clientId : secret).source()
                        + ") but no region or target: set --region, "
                        + ENV_REGION + ", or region (Genesys Cloud) or target (a simulator's URL) in " + inProfile
                        + " (valid regions: " + Regions.validRegions() + ")");
            }
            return new Choice(Kind.EMBEDDED_SIMULATOR, null, null, null, null);
        }
        try {
            Regions.domain(region.value());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        if (clientId == null || secret == null) {
            throw missingCredential(clientId == null, "region " + region.value());
        }
        if (request.realRegionRefusal() != null) {
            throw new ConfigException(request.realRegionRefusal());
        }
        return new Choice(Kind.GENESYS_CLOUD, null, region.value(), clientId.value(), secret.value());
    }

    private static String value(Setting setting) {
        // a simulator's default credentials apply when none are configured
        return setting == null ? null : setting.value();
    }

    /**
     * A setting's value and where it came from (for errors and {@code -v}); {@link #rank} orders the sources:
     * flags beat the environment, which beats the profile file.
     */
    private record Setting(String value, String source, int rank) {
        static final int FLAG = 0;
        static final int ENVIRONMENT = 1;
        static final int PROFILE = 2;

        static Setting flag(String option, String value) {
            return of(value, option, FLAG);
        }

        static Setting environment(String variable, Map<String, String> env) {
            return of(env.get(variable), "environment variable " + variable, ENVIRONMENT);
        }

        static Setting profile(String inProfile, String key, Map<String, String> profile) {
            return of(profile.get(key), key + " in " + inProfile, PROFILE);
        }

        private static Setting of(String value, String source, int rank) {
            return value == null || value.isBlank() ? null : new Setting(value.strip(), source, rank);
        }

        /** The first one set, or null. */
        static Setting first(Setting... candidates) {
            for (Setting candidate : candidates) {
                if (candidate != null) {
                    return candidate;
                }
            }
            return null;
        }

        static final String NOT_SET = "not set (the default applies)";

        /** The value and its source, for settings that are not secrets. */
        static String shown(Setting setting) {
            return setting == null ? NOT_SET : setting.value + " (from " + setting.source + ")";
        }

        @Override
        public String toString() {
            return "Setting[**** from " + source + "]"; // it may hold the secret
        }
    }

    private static ConfigException missingCredential(boolean idMissing, String where) {
        return new ConfigException(
                idMissing
                        ? "no OAuth client id for " + where + ": set --client-id, " + ENV_CLIENT_ID
                                + " or client_id in a profile"
                        : "no OAuth client secret for " + where + ": set " + ENV_CLIENT_SECRET
                                + " or client_secret in a profile (~/.gctyping/config, mode 600); there is no flag, so it stays out of shell history");
    }

    private static URI parseUrl(String url, String source) {
        try {
            URI uri = URI.create(url.trim());
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + " '" + url + "' is not a URL like http://127.0.0.1:8080");
        }
    }
}
