package dev.gctyping.cli;

import dev.gctyping.support.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Picocli converter for {@link Durations}: {@code 500ms}, {@code 3s}, {@code 2m} into milliseconds. */
public final class DurationConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        return parseMillis(value);
    }

    /** As {@link Durations#parseMillis}, reported as a usage error. */
    public static long parseMillis(String value) {
        try {
            return Durations.parseMillis(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
