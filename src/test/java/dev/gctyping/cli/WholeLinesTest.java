package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WholeLinesTest {
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final WholeLines out = new WholeLines(written, 16);

    private void write(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
    }

    @Test
    void aFullBufferWritesItsWholeLinesAndKeepsTheLineBeingWritten() throws IOException {
        write("{\"a\":1}\n{\"b\":");
        assertThat(written.toString(StandardCharsets.UTF_8)).isEmpty();
        write("22}\n{\"c\"");
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n{\"b\":22}\n");
        out.flush();
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n{\"b\":22}\n{\"c\"");
    }

    @Test
    void aLineLongerThanTheBufferWaitsForItsEnd() throws IOException {
        write("{\"long\":\"0123456789abcdef\"");
        out.write('}');
        assertThat(written.size()).isZero();
        String rest = "\n{\"c\":3}\n{\"d\":4}\n{\"e\":5}\n{\"f\":6}\n{\"g\":";
        write(rest);
        assertThat(written.toString(StandardCharsets.UTF_8))
                .startsWith("{\"long\":\"0123456789abcdef\"}\n")
                .endsWith("}\n");
        out.flush();
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("{\"long\":\"0123456789abcdef\"}" + rest);
    }

    @Test
    void theSuggestedHeapIsTwiceThePowerOfTwoAtOrAboveTheLimit() {
        assertThat(OutOfMemory.message("Java heap space", 256L << 20))
                .isEqualTo(
                        "gctyping: out of memory (Java heap space, heap limit 256 MB): give Java more, "
                                + "e.g. GCTYPING_JAVA_OPTS=-Xmx512m for the gctyping launcher, or java -Xmx512m -jar gctyping.jar");
        assertThat(OutOfMemory.message("Java heap space", 247L << 20)).contains("-Xmx512m", "heap limit 247 MB");
        assertThat(OutOfMemory.message("Metaspace", 600L << 20)).contains("(Metaspace, heap limit 600 MB)", "-Xmx2g");
    }
}
