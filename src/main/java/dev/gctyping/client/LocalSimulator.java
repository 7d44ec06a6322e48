package dev.gctyping.client;

import dev.gctyping.protocol.SimulatorReport;
import java.io.IOException;
import java.net.URI;

/**
 * A simulator this process starts when no target is configured. The application layer provides
 * it, so the client is built and tested without the simulator's code.
 */
public interface LocalSimulator extends AutoCloseable {
    /** Starts one: called only when the configuration chose the embedded simulator. */
    interface Starter {
        LocalSimulator start() throws IOException;
    }

    URI httpUri();

    URI wsUri();

    String clientId();

    String clientSecret();

    /** What every guest of a run (null: of the shared space) saw so far. */
    SimulatorReport report(String run);

    @Override
    void close();
}
