package dev.gctyping.cli;

import dev.gctyping.dialect.Dialect;
import dev.gctyping.dialect.Dialects;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --dialect NAME}: one of {@link Dialects#all()}. */
public final class DialectConverter implements ITypeConverter<Dialect> {
    @Override
    public Dialect convert(String value) {
        return Dialects.named(value)
                .orElseThrow(() -> new TypeConversionException(
                        "unknown dialect '" + value + "' (expected " + Dialects.names() + ")"));
    }

    /** Completion candidates and {@code ${COMPLETION-CANDIDATES}}. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Dialects.all().stream().map(Dialect::name).iterator();
        }
    }
}
