package dev.gctyping.dialect;

import dev.gctyping.dialect.agentapi.AgentApiDialect;
import dev.gctyping.dialect.seed.SeedDialect;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every dialect the tool speaks; a new one is added here and nowhere else outside its own package. */
public final class Dialects {
    public static final Dialect AGENT_API = new AgentApiDialect();
    public static final Dialect SEED = new SeedDialect();

    /** agent-api everywhere by default, so a simulator run exercises exactly what a real org receives. */
    public static final Dialect DEFAULT = AGENT_API;

    private static final List<Dialect> ALL = List.of(AGENT_API, SEED);

    private Dialects() {}

    public static List<Dialect> all() {
        return ALL;
    }

    public static Optional<Dialect> named(String name) {
        return ALL.stream().filter(d -> d.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    /** The names, for help texts and errors: "agent-api, seed". */
    public static String names() {
        return ALL.stream().map(Dialect::name).collect(Collectors.joining(", "));
    }
}
