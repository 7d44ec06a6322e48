package dev.gctyping.cli;

import dev.gctyping.protocol.Dialect;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Accepts the dialects' command-line names: {@code seed}, {@code agent-api}. */
public final class DialectConverter implements ITypeConverter<Dialect> {
    @Override
    public Dialect convert(String value) {
        for (Dialect dialect : Dialect.values()) {
            if (dialect.cliName().equalsIgnoreCase(value)) {
                return dialect;
            }
        }
        throw new TypeConversionException("'" + value + "' is not a dialect: use seed or agent-api");
    }
}
