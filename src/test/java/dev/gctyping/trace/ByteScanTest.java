package dev.gctyping.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
                assertThat(ByteScan.isEightDigits(ByteScan.word(bytes, 0)))
                        .as("byte %d at %d", b, place)
                        .isEqualTo(digit);
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

    @Test
    void numbersFollowTheJsonGrammar() {
        String[][] cases = {
            {"0", "0"},
            {"-0", "-0"},
            {"123", "123"},
            {"-1.5e+3", "-1.5e+3"},
            {"1E9", "1E9"},
            {"0.25", "0.25"},
            {"1-2-3", "1"},
            {"12,", "12"},
            {"3]", "3"},
            {"1.5.6", "1.5"},
            {"-", null},
            {"01", null},
            {"-00", null},
            {"1.", null},
            {".5", null},
            {"1e", null},
            {"1e+", null},
            {"+1", null},
            {"-a", null},
            {"", null}
        };
        for (String[] c : cases) {
            byte[] bytes = ascii(c[0]);
            int end = ByteScan.numberEnd(bytes, 0, bytes.length);
            assertThat(end < 0 ? null : c[0].substring(0, end)).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void utf8IsCheckedAsStrictlyAsJavasDecoderChecksIt() {
        SplittableRandom random = new SplittableRandom(Long.getLong("seed", 5L));
        byte[] interesting = {
            0x41,
            (byte) 0x80,
            (byte) 0x8F,
            (byte) 0x90,
            (byte) 0x9F,
            (byte) 0xA0,
            (byte) 0xBF,
            (byte) 0xC0,
            (byte) 0xC1,
            (byte) 0xC2,
            (byte) 0xDF,
            (byte) 0xE0,
            (byte) 0xE1,
            (byte) 0xEC,
            (byte) 0xED,
            (byte) 0xEE,
            (byte) 0xEF,
            (byte) 0xF0,
            (byte) 0xF1,
            (byte) 0xF3,
            (byte) 0xF4,
            (byte) 0xF5,
            (byte) 0xFF
        };
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(5)];
            for (int k = 0; k < bytes.length; k++) {
                bytes[k] = random.nextBoolean()
                        ? interesting[random.nextInt(interesting.length)]
                        : (byte) random.nextInt(256);
            }
            assertThat(ByteScan.firstInvalidUtf8(bytes, 0, bytes.length) < 0)
                    .as(java.util.HexFormat.of().formatHex(bytes))
                    .isEqualTo(decodes(bytes));
        }
    }

    private static boolean decodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void aStringsPlainRunEndsAtAQuoteABackslashAControlOrANonAsciiByte() {
        for (int place = 0; place < 8; place++) {
            for (int b = 0; b < 256; b++) {
                byte[] bytes = ascii("abcdefghijklmnop");
                bytes[place] = (byte) b;
                boolean special = b == '"' || b == '\\' || b < 0x20 || b >= 0x80;
                assertThat(ByteScan.stringSpecial(bytes, 0, bytes.length))
                        .as("byte %d at %d", b, place)
                        .isEqualTo(special ? place : -1);
                assertThat(ByteScan.stringSpecial(bytes, place, place + 1))
                        .as("byte %d alone", b)
                        .isEqualTo(special ? place : -1);
            }
        }
    }
}
