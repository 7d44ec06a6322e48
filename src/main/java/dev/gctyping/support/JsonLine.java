package dev.gctyping.support;

/**
 * Builds one compact JSON object, fields in insertion order. Hand-written rather than Jackson so
 * the hot output paths (payloads, metrics) neither allocate a tree per record nor pay Jackson's
 * start-up on short commands; the field order it produces is part of our output contract.
 */
public final class JsonLine {
    private final StringBuilder out;
    private boolean first = true;

    private JsonLine(StringBuilder out) {
        this.out = out;
        out.append('{');
    }

    private JsonLine(StringBuilder out, boolean first) {
        this.out = out;
        this.first = first;
    }

    /** Continues an object already open in {@code out}, with fields in it: what is added here follows a comma. */
    public static JsonLine continuing(StringBuilder out) {
        return new JsonLine(out, false);
    }

    public static JsonLine object() {
        return new JsonLine(new StringBuilder(128));
    }

    /** Starts an object in a caller-owned buffer, so per-payload encoding can reuse one builder. */
    public static JsonLine into(StringBuilder reused) {
        reused.setLength(0);
        return new JsonLine(reused);
    }

    /** Field names are our own identifiers (plain ASCII, never input data), so they go out unescaped. */
    private StringBuilder name(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        return out.append('"').append(name).append("\":");
    }

    public JsonLine field(String name, CharSequence value) {
        StringBuilder b = name(name);
        if (value == null) {
            b.append("null");
        } else {
            appendString(b, value);
        }
        return this;
    }

    public JsonLine field(String name, long value) {
        name(name).append(value);
        return this;
    }

    public JsonLine field(String name, boolean value) {
        name(name).append(value);
        return this;
    }

    /** A number with at most one decimal digit, as rates are reported. */
    public JsonLine field(String name, double value) {
        appendRate(name(name), value);
        return this;
    }

    /** A number with at most one decimal digit, as rates are reported; null if it is not finite. */
    public static void appendRate(StringBuilder b, double value) {
        if (Double.isFinite(value)) {
            b.append(Math.round(value * 10) / 10.0);
        } else {
            b.append("null");
        }
    }

    public JsonLine field(String name, JsonLine nested) {
        name(name).append(nested.toString());
        return this;
    }

    /** Embeds already-encoded JSON (e.g. an array built elsewhere) verbatim. */
    public JsonLine rawField(String name, CharSequence json) {
        name(name).append(json);
        return this;
    }

    @Override
    public String toString() {
        return out.toString() + '}';
    }

    /** Appends the closing brace and returns the shared buffer, for allocation-free callers. */
    public StringBuilder close() {
        return out.append('}');
    }

    public static void appendString(StringBuilder b, CharSequence s) {
        b.append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
