package dev.gctyping.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The scanner must give Instant.parse's epoch millis for every text it takes, and decline every text Java rejects. */
class IsoInstantScannerTest {
    private final IsoInstantScanner scanner = new IsoInstantScanner();

    @Test
    void readsTheUsualFormsExactly() {
        assertThat(millis("2025-11-24T16:00:00Z"))
                .isEqualTo(Instant.parse("2025-11-24T16:00:00Z").toEpochMilli());
        assertThat(millis("2025-11-24T16:00:00.Z")).isEqualTo(1764000000000L);
        assertThat(millis("2025-11-24T16:00:00.1Z")).isEqualTo(1764000000100L);
        assertThat(millis("2025-11-24T16:00:00.12Z")).isEqualTo(1764000000120L);
        assertThat(millis("2025-11-24T16:00:00.123Z")).isEqualTo(1764000000123L);
        assertThat(millis("2025-11-24T16:00:00.123999999Z"))
                .as("digits past the millisecond are dropped")
                .isEqualTo(1764000000123L);
        assertThat(millis("1969-12-31T23:59:59.999Z")).isEqualTo(-1L);
        assertThat(millis("2024-02-29T00:00:00Z"))
                .isEqualTo(Instant.parse("2024-02-29T00:00:00Z").toEpochMilli());
    }

    @Test
    void declinesWhatItDoesNotFullyUnderstand() {
        for (String text : new String[] {
            "2025-02-29T00:00:00Z",
            "2025-11-24T24:00:00Z",
            "2025-11-24T23:59:60Z",
            "2025-11-24t16:00:00Z",
            "2025-11-24T16:00:00z",
            "2025-11-24T16:00:00+01:00",
            "2025-11-24T16:00:00.1234567890Z",
            "2025-13-01T00:00:00Z",
            "2025-00-10T00:00:00Z",
            "2025-11-00T00:00:00Z",
            "2025-11-24 16:00:00Z",
            "2025-11-24T16:00Z",
            "20x5-11-24T16:00:00Z",
            "2025-11-24T16:0x:00Z"
        }) {
            assertThat(millis(text)).as(text).isEqualTo(IsoInstantScanner.DECLINED);
        }
    }

    @Test
    void agreesWithJavaTimeOnRandomTexts() {
        SplittableRandom random = new SplittableRandom(Long.getLong("seed", 20261125L));
        int taken = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = randomText(random);
            long ours = millis(text);
            Long java = javaMillis(text);
            if (ours != IsoInstantScanner.DECLINED) {
                taken++;
                assertThat(java).as(text).isEqualTo(ours);
            } else if (java != null) {
                assertThat(text)
                        .as("declined only for a form it leaves to java.time")
                        .matches(".*(T24:|:60|[tz]|[+-]\\d\\d:\\d\\d$|T\\d\\d:\\d\\dZ$).*");
            }
        }
        assertThat(taken).isGreaterThan(5_000);
    }

    private long millis(String text) {
        byte[] bytes = ("x" + text + "y").getBytes(StandardCharsets.US_ASCII);
        return scanner.epochMillis(bytes, 1, bytes.length - 2);
    }

    private static Long javaMillis(String text) {
        try {
            return TraceTimestamps.parseIso(text);
        } catch (InvalidLine rejected) {
            return null;
        }
    }

    private static String randomText(SplittableRandom random) {
        String date = String.format(
                "%04d-%02d-%02d",
                pick(random, 1900, 1970, 2000, 2024, 2025, 2100, random.nextInt(10_000)),
                random.nextInt(10) == 0 ? random.nextInt(14) : random.nextInt(1, 13),
                random.nextInt(10) == 0 ? random.nextInt(33) : random.nextInt(1, 29));
        String time = String.format(
                "%02d:%02d:%02d",
                random.nextInt(10) == 0 ? random.nextInt(26) : random.nextInt(24),
                random.nextInt(10) == 0 ? random.nextInt(62) : random.nextInt(60),
                random.nextInt(10) == 0 ? random.nextInt(62) : random.nextInt(60));
        if (random.nextInt(20) == 0) {
            time = time.substring(0, 5);
        }
        int digits = random.nextInt(11);
        StringBuilder fraction = new StringBuilder(random.nextInt(4) == 0 ? "" : ".");
        for (int i = 0; i < digits && fraction.length() > 0; i++) {
            fraction.append(random.nextInt(10));
        }
        String zone = switch (random.nextInt(12)) {
            case 0 -> "z";
            case 1 -> "+01:00";
            case 2 -> "-05:30";
            default -> "Z";
        };
        return date + (random.nextInt(30) == 0 ? "t" : "T") + time + fraction + zone;
    }

    private static int pick(SplittableRandom random, int... values) {
        return values[random.nextInt(values.length)];
    }
}
