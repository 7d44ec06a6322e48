package dev.gctyping.threshold;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pass/fail condition on one figure, in the style of k6's thresholds: {@code payloadsLost==0},
 * {@code latencyMsP99<50}, or per conversation {@code conversation.staleTypingMs<2000} (every
 * conversation must meet it).
 */
public record Threshold(
        String expression, boolean perConversation, String figure, Comparison comparison, double limit) {
    public static final String CONVERSATION_PREFIX = "conversation.";

    private static final Pattern SHAPE =
            Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*(==|!=|<=|>=|<|>|=)\\s*(\\S*)\\s*");

    /** The comparison operators; two-character ones first, so that {@code <=} is not read as {@code <}. */
    public enum Comparison {
        EQ("=="),
        NE("!="),
        LE("<="),
        GE(">="),
        LT("<"),
        GT(">");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean holds(double value, double limit) {
            return switch (this) {
                case EQ -> value == limit;
                case NE -> value != limit;
                case LE -> value <= limit;
                case GE -> value >= limit;
                case LT -> value < limit;
                case GT -> value > limit;
            };
        }

        static Comparison of(String symbol) {
            for (Comparison c : values()) {
                if (c.symbol.equals(symbol)) {
                    return c;
                }
            }
            return null;
        }
    }

    /**
     * Parses one expression against the figures this run will have.
     *
     * @throws IllegalArgumentException naming what is wrong (and, for an unknown figure, the figures that exist)
     */
    public static Threshold parse(String expression, FigureNames figures) {
        Matcher m = SHAPE.matcher(expression);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "threshold '" + expression + "': expected FIGURE OP NUMBER with OP one of "
                            + "==, !=, <, <=, >, >= (for example payloadsLost==0 or conversation.staleTypingMs<2000)");
        }
        Comparison comparison = Comparison.of(m.group(2));
        if (comparison == null) {
            throw new IllegalArgumentException("threshold '" + expression + "': '=' is not a comparison, use '=='");
        }
        double limit;
        try {
            limit = Double.parseDouble(m.group(3));
        } catch (NumberFormatException e) {
            limit = Double.NaN;
        }
        if (Double.isNaN(limit) || Double.isInfinite(limit) || !m.group(3).matches("[-+0-9.eE]+")) {
            throw new IllegalArgumentException("threshold '" + expression + "': '" + m.group(3) + "' is not a number");
        }
        String name = m.group(1);
        boolean perConversation = name.startsWith(CONVERSATION_PREFIX);
        String figure = perConversation ? name.substring(CONVERSATION_PREFIX.length()) : name;
        if (!(perConversation ? figures.conversation() : figures.summary()).contains(figure)) {
            throw new IllegalArgumentException(
                    "threshold '" + expression + "': no figure named '" + name + "' in this run. "
                            + "Summary figures: " + String.join(", ", figures.summary())
                            + ". Per conversation (conversation.NAME): "
                            + String.join(", ", figures.conversation()) + ".");
        }
        return new Threshold(expression.strip(), perConversation, figure, comparison, limit);
    }

    public boolean holds(double value) {
        return comparison.holds(value, limit);
    }

    @Override
    public String toString() {
        return expression;
    }
}
