package dev.gctyping.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GctypingHomeTest {
    private static final Path USER_HOME = Path.of("/java/user.home");

    @Test
    void gctypingHomeBeatsHomeWhichBeatsJavasUserHome() {
        assertThat(new GctypingHome(Map.of("GCTYPING_HOME", "/own", "HOME", "/h"), USER_HOME).directory())
                .isEqualTo(Path.of("/own"));
        assertThat(new GctypingHome(Map.of("HOME", "/h"), USER_HOME).directory())
                .isEqualTo(Path.of("/h/.gctyping"));
        assertThat(new GctypingHome(Map.of(), USER_HOME).directory()).isEqualTo(USER_HOME.resolve(".gctyping"));
        assertThat(new GctypingHome(Map.of("GCTYPING_HOME", " ", "HOME", ""), USER_HOME).directory())
                .as("blank is unset")
                .isEqualTo(USER_HOME.resolve(".gctyping"));
    }

    @Test
    void itsFiles() {
        GctypingHome home = new GctypingHome(Map.of("GCTYPING_HOME", "/own"), USER_HOME);
        assertThat(home.profileFile()).isEqualTo(Path.of("/own/config"));
        assertThat(home.tokenDirectory()).isEqualTo(Path.of("/own/tokens"));
        assertThat(home.historyFile()).isEqualTo(Path.of("/own/history"));
    }
}
