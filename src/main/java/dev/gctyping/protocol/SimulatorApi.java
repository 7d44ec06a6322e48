package dev.gctyping.protocol;

/**
 * The simulator's own endpoints and defaults, shared by the simulator and the client that talks to a
 * running one ({@code --target URL}). Genesys Cloud has none of these.
 */
public final class SimulatorApi {
    /** The OAuth client the simulator accepts unless told otherwise; a simulator is never a secret keeper. */
    public static final String DEFAULT_CLIENT_ID = "gctyping-sim";

    public static final String DEFAULT_CLIENT_SECRET = "gctyping-sim-secret";
    /** {@code GET}: {@code {"wsUrl":…}}, the WebSocket base of a running simulator. */
    public static final String INFO_PATH = "/sim/info";
    /** {@code GET}: the {@link SimulatorReport}, what every guest saw. */
    public static final String REPORT_PATH = "/sim/report";
    /** {@code GET}: the live guest page, a conversation as its customer sees it in a browser. */
    public static final String GUEST_PAGE = "/guest";
    /** The header naming a client's run: its conversations are its own, and the report can be of it alone. */
    public static final String RUN_HEADER = "Gctyping-Run";
    /** The same, as a query parameter (socket URLs, {@code /sim/report?run=}). */
    public static final String RUN_PARAMETER = "run";

    private SimulatorApi() {}
}
