package dev.gctyping.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gctyping.support.LogCapture;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetConfigTest {
    @TempDir
    Path home;

    private void profileFile(String text, String mode) throws IOException {
        Path file = home.resolve(".gctyping/config");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    private TargetConfig.Choice resolve(Map<String, String> env, TargetRequest request) {
        return new TargetConfig(home, env).resolve(request);
    }

    @Test
    void nothingConfiguredMeansTheEmbeddedSimulatorWithAgentApi() {
        TargetConfig.Choice choice = resolve(Map.of(), TargetRequest.none());
        assertThat(choice.kind()).isEqualTo(TargetConfig.Kind.EMBEDDED_SIMULATOR);
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheProfile() throws IOException {
        profileFile(
                "# mine\n[default]\nregion = ap-southeast-2\nclient_id = from-profile\nclient_secret = profile-secret\n",
                "rw-------");

        TargetConfig.Choice fromProfile = resolve(Map.of(), TargetRequest.none());
        assertThat(fromProfile.kind()).isEqualTo(TargetConfig.Kind.GENESYS_CLOUD);
        assertThat(fromProfile.region()).isEqualTo("ap-southeast-2");
        assertThat(fromProfile.clientId()).isEqualTo("from-profile");
        assertThat(fromProfile.clientSecret()).isEqualTo("profile-secret");

        Map<String, String> env = Map.of(
                TargetConfig.ENV_REGION,
                "mypurecloud.ie",
                TargetConfig.ENV_CLIENT_ID,
                "from-env",
                TargetConfig.ENV_CLIENT_SECRET,
                "env-secret");
        TargetConfig.Choice fromEnv = resolve(env, TargetRequest.none());
        assertThat(fromEnv.region()).isEqualTo("mypurecloud.ie");
        assertThat(fromEnv.clientId()).isEqualTo("from-env");
        assertThat(fromEnv.clientSecret()).isEqualTo("env-secret");

        TargetConfig.Choice fromFlags = resolve(env, new TargetRequest(null, "us-west-2", null, "from-flag", null));
        assertThat(fromFlags.region()).isEqualTo("us-west-2");
        assertThat(fromFlags.clientId()).isEqualTo("from-flag");
        assertThat(fromFlags.clientSecret()).isEqualTo("env-secret");
        assertThat(fromFlags.toString()).doesNotContain("env-secret");
    }

    @Test
    void namedProfilesAndUnknownNames() throws IOException {
        profileFile(
                "[default]\nregion=eu-west-1\n[staging]\nregion = us-east-1\nclient_id = s\nclient_secret = t\n",
                "rw-------");
        assertThat(resolve(Map.of(), new TargetRequest(null, null, "staging", null, null))
                        .region())
                .isEqualTo("us-east-1");
        assertThatThrownBy(() -> resolve(Map.of(), new TargetRequest(null, null, "prod", null, null)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("profiles: default, staging");
    }

    @Test
    void refusesAProfileFileOthersCanRead() throws IOException {
        profileFile("[default]\nclient_secret = x\n", "rw-r--r--");
        assertThatThrownBy(() -> resolve(Map.of(), TargetRequest.none()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("chmod 600 " + home.resolve(".gctyping/config"));
    }

    @Test
    void theProfileFileIsUnderHomeFromTheEnvironment() throws IOException {
        profileFile("[default]\nregion = eu-west-1\nclient_id = i\nclient_secret = s\n", "rw-------");
        Path other = home.resolve("other");
        assertThat(resolve(Map.of(), TargetRequest.none()).kind())
                .as("user.home when HOME is unset")
                .isEqualTo(TargetConfig.Kind.GENESYS_CLOUD);
        assertThat(resolve(Map.of("HOME", other.toString()), TargetRequest.none())
                        .kind())
                .isEqualTo(TargetConfig.Kind.EMBEDDED_SIMULATOR);
        assertThat(resolve(
                                Map.of(
                                        "HOME",
                                        other.toString(),
                                        "GCTYPING_HOME",
                                        home.resolve(".gctyping").toString()),
                                TargetRequest.none())
                        .kind())
                .isEqualTo(TargetConfig.Kind.GENESYS_CLOUD);
        assertThat(new TargetConfig(home, Map.of("HOME", other.toString())).tokenDirectory())
                .isEqualTo(other.resolve(".gctyping/tokens"));
    }

    @Test
    void aProfilePathThatIsADirectoryIsSaidToBeOne() throws IOException {
        Files.createDirectories(home.resolve(".gctyping/config"));
        assertThatThrownBy(() -> resolve(Map.of(), TargetRequest.none()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(home.resolve(".gctyping/config") + ": it is a directory")
                .hasMessageNotContaining("chmod");
    }

    @Test
    void aBadProfileLineIsReportedWithoutItsContent() throws IOException {
        profileFile("[default]\nsupersecretvalue\n", "rw-------");
        assertThatThrownBy(() -> resolve(Map.of(), TargetRequest.none()))
                .hasMessageContaining("line 2")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("supersecretvalue"));
    }

    @Test
    void missingPiecesAreExplained() {
        assertThatThrownBy(() -> resolve(
                        Map.of(TargetConfig.ENV_REGION, "eu-west-1", TargetConfig.ENV_CLIENT_ID, "id"),
                        TargetRequest.none()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(TargetConfig.ENV_CLIENT_SECRET)
                .hasMessageContaining("no flag");
        assertThatThrownBy(() -> resolve(
                        Map.of(TargetConfig.ENV_CLIENT_ID, "id", TargetConfig.ENV_CLIENT_SECRET, "s"),
                        TargetRequest.none()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no region");
        assertThatThrownBy(() -> resolve(Map.of(), new TargetRequest(null, "atlantis-1", null, null, null)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown region 'atlantis-1'")
                .hasMessageContaining("mypurecloud.ie (eu-west-1)");
    }

    @Test
    void aDialectThatRealRegionsRefuseIsRefusedAgainstGenesysCloudOnly() {
        Map<String, String> env = Map.of(TargetConfig.ENV_CLIENT_ID, "id", TargetConfig.ENV_CLIENT_SECRET, "s");
        assertThatThrownBy(() -> resolve(env, new TargetRequest(null, "eu-west-1", null, null, "no socket there")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("no socket there");
        assertThat(resolve(Map.of(), new TargetRequest("http://127.0.0.1:9", null, null, null, "no socket there"))
                        .kind())
                .isEqualTo(TargetConfig.Kind.SIMULATOR_URL);
    }

    @Test
    void targetUrlIsASimulatorAndExcludesRegion() {
        TargetConfig.Choice choice = resolve(
                Map.of(TargetConfig.ENV_REGION, "eu-west-1"),
                new TargetRequest("http://127.0.0.1:8080", null, null, null, null));
        assertThat(choice.kind()).isEqualTo(TargetConfig.Kind.SIMULATOR_URL);
        assertThat(choice.simulatorUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(choice.clientId()).isNull();
        assertThatThrownBy(() ->
                        resolve(Map.of(), new TargetRequest("http://127.0.0.1:8080", "eu-west-1", null, null, null)))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void regionsAcceptDomainsAndAwsIds() {
        assertThat(Regions.domain("us-west-2")).isEqualTo("usw2.pure.cloud");
        assertThat(Regions.domain("EU_WEST_1")).isEqualTo("mypurecloud.ie");
        assertThat(Regions.domain("mypurecloud.com.au")).isEqualTo("mypurecloud.com.au");
        assertThat(Regions.domain("us-east-2")).isEqualTo("use2.us-gov-pure.cloud");
    }

    @Test
    void genesysCloudTargetHostsAndTheSeedRefusal() {
        Target target = Target.genesysCloud("eu-central-1", "id", "s3cr3t");
        assertThat(target.environment()).isEqualTo("mypurecloud.de");
        assertThat(target.tokenUri()).isEqualTo(URI.create("https://login.mypurecloud.de/oauth/token"));
        assertThat(target.api("/api/v2/x")).isEqualTo(URI.create("https://api.mypurecloud.de/api/v2/x"));
        assertThat(target.guestSocket("dep 1", "gctyping-dev"))
                .isEqualTo(URI.create(
                        "wss://webmessaging.mypurecloud.de/v1?deploymentId=dep%201&application=gctyping-dev"));
        assertThat(target.isSimulator()).isFalse();
        assertThatThrownBy(() -> target.seedSocket("c"))
                .hasMessageContaining("seed dialect only works against the gctyping simulator");
        assertThat(target.toString()).doesNotContain("s3cr3t").contains("****");
    }

    @Test
    void plainHttpOnlyOnLoopback() {
        Target local =
                Target.simulator(URI.create("http://127.0.0.1:8080/"), URI.create("ws://localhost:8081"), "id", "s");
        assertThat(local.seedSocket("c1")).isEqualTo(URI.create("ws://localhost:8081/v1/conversations/c1/websocket"));
        assertThat(local.tokenUri()).isEqualTo(URI.create("http://127.0.0.1:8080/oauth/token"));
        assertThatThrownBy(() -> Target.simulator(
                        URI.create("http://sim.example.com"), URI.create("wss://sim.example.com"), "id", "s"))
                .hasMessageContaining("only loopback");
        assertThat(Target.simulator(
                                URI.create("https://sim.example.com"), URI.create("wss://sim.example.com"), "id", "s")
                        .isSimulator())
                .isTrue();
    }

    @Test
    void aRunIsNamedOnBothSocketsAndOnlyForASimulator() {
        Target run = Target.simulator(URI.create("http://127.0.0.1:8080"), URI.create("ws://127.0.0.1:8081"), "id", "s")
                .withRun("r-1");
        assertThat(run.seedSocket("c1"))
                .isEqualTo(URI.create("ws://127.0.0.1:8081/v1/conversations/c1/websocket?run=r-1"));
        assertThat(run.guestSocket("d", "app"))
                .isEqualTo(URI.create("ws://127.0.0.1:8081/v1?deploymentId=d&application=app&run=r-1"));
        assertThatThrownBy(
                        () -> Target.genesysCloud("mypurecloud.ie", "id", "s").withRun("r-1"))
                .hasMessageContaining("only a simulator knows runs");
    }

    @Test
    void aProfileMayNameASimulatorTargetWithItsCredentials() throws IOException {
        profileFile(
                "[default]\ntarget = http://127.0.0.1:8080\n[ci]\ntarget = http://127.0.0.1:9090\n"
                        + "client_id = ci-client\nclient_secret = ci-secret\n",
                "rw-------");

        TargetConfig.Choice byDefault = resolve(Map.of(), TargetRequest.none());
        assertThat(byDefault.kind()).isEqualTo(TargetConfig.Kind.SIMULATOR_URL);
        assertThat(byDefault.simulatorUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(byDefault.clientId()).as("the simulator's default").isNull();

        TargetConfig.Choice named = resolve(Map.of(), new TargetRequest(null, null, "ci", null, null));
        assertThat(named.simulatorUrl()).isEqualTo(URI.create("http://127.0.0.1:9090"));
        assertThat(named.clientId()).isEqualTo("ci-client");
        assertThat(named.clientSecret()).isEqualTo("ci-secret");
    }

    @Test
    void aRegionFromAFlagOrTheEnvironmentBeatsAProfileTarget() throws IOException {
        profileFile("[default]\ntarget = http://127.0.0.1:8080\n", "rw-------");
        Map<String, String> credentials = Map.of(TargetConfig.ENV_CLIENT_ID, "id", TargetConfig.ENV_CLIENT_SECRET, "s");

        assertThat(resolve(credentials, new TargetRequest(null, "eu-west-1", null, null, null))
                        .kind())
                .isEqualTo(TargetConfig.Kind.GENESYS_CLOUD);
        Map<String, String> withRegion = Map.of(
                TargetConfig.ENV_REGION,
                "eu-west-1",
                TargetConfig.ENV_CLIENT_ID,
                "id",
                TargetConfig.ENV_CLIENT_SECRET,
                "s");
        assertThat(resolve(withRegion, TargetRequest.none()).region()).isEqualTo("eu-west-1");
    }

    @Test
    void aProfileWithBothTargetAndRegionIsAnErrorNamingIt() throws IOException {
        profileFile("[default]\ntarget = http://127.0.0.1:8080\nregion = eu-west-1\n", "rw-------");

        assertThatThrownBy(() -> resolve(Map.of(), TargetRequest.none()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("profile [default] in " + home.resolve(".gctyping/config")
                        + " sets both target (a simulator) and region (Genesys Cloud): keep one");
    }

    @Test
    void credentialsWithoutRegionOrTargetNameTheProfileAndItsFile() throws IOException {
        profileFile("[default]\nclient_id = team\nclient_secret = team-secret\n", "rw-------");

        assertThatThrownBy(() -> resolve(Map.of(), TargetRequest.none()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("credentials are configured (client id from client_id in profile [default] in "
                        + home.resolve(".gctyping/config") + ") but no region or target: set --region, "
                        + TargetConfig.ENV_REGION
                        + ", or region (Genesys Cloud) or target (a simulator's URL) in profile "
                        + "[default] in " + home.resolve(".gctyping/config"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("team-secret"));
    }

    @Test
    void verboseSaysWhereEachSettingCameFromButNeverTheSecret() throws IOException {
        profileFile("[default]\nregion = eu-west-1\nclient_id = team\nclient_secret = team-secret\n", "rw-------");
        List<String> logs;
        try (LogCapture capture = new LogCapture()) {
            resolve(
                    Map.of(TargetConfig.ENV_CLIENT_ID, "from-env"),
                    new TargetRequest(null, "us-west-2", null, null, null));
            logs = capture.messages();
        }

        Path file = home.resolve(".gctyping/config");
        assertThat(logs)
                .containsExactly("settings: target not set (the default applies); region us-west-2 (from --region); "
                        + "client id from-env (from environment variable " + TargetConfig.ENV_CLIENT_ID + "); "
                        + "client secret set (from client_secret in profile [default] in " + file + ")");
        assertThat(logs).noneMatch(line -> line.contains("team-secret"));
    }
}
