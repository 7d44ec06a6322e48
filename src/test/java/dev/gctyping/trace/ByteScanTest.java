package dev.gctyping.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ByteScanTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void eightDigitsAreReadAsOneNumber() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            String digits = String.format("%08d", random.nextInt(100_000_000));
            long word = ByteScan.word(ascii(digits), 0);
            assertThat(ByteScan.isEightDigits(word)).as(digits).isTrue();
            assertThat(ByteScan.eightDigits(word)).as(digits).isEqualTo(Long.parseLong(digits));
        }
    }

    @Test
    void anyNonDigitByteInAnyPlaceIsNoticed() {
        for (int place = 0; place < 8; place++) {
            for (int b = 0; b < 256; b++) {
                byte[] bytes = ascii("12345678");
                bytes[place] = (byte) b;
                boolean digit = b >= '0' && b <= '9';
                assertThat(ByteScan.isEightDigits(ByteScan.word(bytes, 0))).as("byte %d at %d", b, place).isEqualTo(digit);
            }
        }
    }

    @Test
    void equalAndHashDependOnlyOnTheBytesNotWhereTheyAre() {
        byte[] a = ascii("xxconversation-000123/agent");
        byte[] b = ascii("conversation-000123");
        assertThat(ByteScan.equal(a, 2, b, 0, b.length)).isTrue();
        assertThat(ByteScan.hash(a, 2, b.length)).isEqualTo(ByteScan.hash(b, 0, b.length));
        assertThat(ByteScan.equal(a, 1, b, 0, b.length)).isFalse();
        byte[] lastDiffers = ascii("conversation-000124");
        assertThat(ByteScan.equal(lastDiffers, 0, b, 0, b.length)).isFalse();
        byte[] firstWordDiffers = ascii("Conversation-000123");
        assertThat(ByteScan.equal(firstWordDiffers, 0, b, 0, b.length)).isFalse();
    }
}
