package dev.gctyping.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gctyping.app.Environment;
import dev.gctyping.app.Targets;
import dev.gctyping.client.ConfigException;
import dev.gctyping.client.ConversationSocket;
import dev.gctyping.client.GuestSession;
import dev.gctyping.client.MessageSocket;
import dev.gctyping.client.OpenTarget;
import dev.gctyping.client.ReconnectingSocket;
import dev.gctyping.client.SocketSettings;
import dev.gctyping.client.UnavailableException;
import dev.gctyping.protocol.IsoMillis;
import dev.gctyping.protocol.guest.GuestFrame;
import dev.gctyping.support.Json;
import dev.gctyping.support.JsonLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gctyping connect}: a debugging pipe between stdin/stdout and a conversation or guest socket. */
@Command(
        name = "connect",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Open a conversation socket (or a guest session) and pipe it: frames in on stdout, stdin lines out.",
        description = {
            "Without --guest: the seed dialect's conversation socket /v1/conversations/{id}/websocket with a Bearer "
                    + "token (the gctyping simulator only: Genesys Cloud has no such socket). With --guest: the real Web "
                    + "Messaging Guest API as a customer's browser uses it (configureSession, echo every 30 s), so you see "
                    + "exactly what a guest receives; against the simulator, --conversation joins a given conversation. "
                    + "Guest requests typed on stdin without a \"token\" get the session's token filled in.",
            "",
            "stdout, one NDJSON record each:",
            "  {\"event\":\"open\",\"at\":…,\"connection\":N}  (re)connected",
            "  {\"event\":\"frame\",\"direction\":\"in\",\"at\":…,\"frame\":{…}}  every frame received; a guest's own "
                    + "text and typing come back as Inbound StructuredMessages (its typing as an Event, which is what an agent "
                    + "sees as \"customer is typing\"), the agent's as Outbound",
            "  {\"event\":\"frame\",\"direction\":\"out\",\"at\":…,\"frame\":{…}}  every stdin line sent (as typed)",
            "  {\"event\":\"reconnect\",\"at\":…,\"attempt\":N,\"delayMs\":…,\"closeCode\":…,\"reason\":…}",
            "",
            "Each stdin line must be JSON; an invalid line is reported on stderr and not sent. A frame that is not JSON "
                    + "is printed as a string. End of stdin closes the socket (exit 0); a socket that cannot be (re)opened "
                    + "ends with exit 69. --dialect does not apply: the socket is the dialect.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gctyping connect conv-1                       # embedded simulator, seed socket",
            "  echo '{\"type\":\"typing\",\"conversationId\":\"conv-1\",\"senderId\":\"a1\",\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"state\":\"active\"}' \\",
            "      | gctyping connect --target http://127.0.0.1:8080 conv-1",
            "  gctyping connect --guest --deployment-id demo --conversation conv-1 --target http://127.0.0.1:8080",
            "  gctyping connect --guest --deployment-id 5c6a… --region eu-west-1 --origin https://shop.example.com",
        })
public final class ConnectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    TargetOptions target;

    @Parameters(arity = "0..1", paramLabel = "CONVERSATION_ID", description = "The conversation to open (seed socket).")
    String conversationId;

    @Option(names = "--guest", description = "Connect as a guest on the Web Messaging Guest API instead.")
    boolean guest;

    @Option(
            names = "--deployment-id",
            paramLabel = "ID",
            description = "Messenger deployment id (required with --guest).")
    String deploymentId;

    @Option(
            names = "--conversation",
            paramLabel = "CID",
            description = "With --guest, on the simulator: join this conversation (configureSession's conversationId).")
    String guestConversation;

    @Option(
            names = "--origin",
            paramLabel = "URL",
            defaultValue = "https://localhost",
            description =
                    "With --guest: the Origin header (deployments may restrict allowed domains). Default: ${DEFAULT-VALUE}.")
    String origin;

    @Option(
            names = "--connect-timeout",
            paramLabel = "DURATION",
            defaultValue = "15s",
            converter = DurationConverter.class,
            description =
                    "How long to wait for the socket to open (and reopen before a stdin line is sent). Default: ${DEFAULT-VALUE}.")
    long connectTimeoutMs;

    private final Environment environment;

    public ConnectCommand(Environment environment) {
        this.environment = environment;
    }

    SocketSettings socketSettings = SocketSettings.defaults();

    @Override
    public Integer call() throws InterruptedException {
        validate();
        Pipe pipe = new Pipe(spec.commandLine().getOut());
        try (OpenTarget open = new Targets(environment).open(target.request());
                MessageSocket socket = open(open, pipe)) {
            Sender sender = socket instanceof GuestSession guestSession
                    ? (text, json) ->
                            json.isObject() ? guestSession.sendRequest((ObjectNode) json) : guestSession.send(text)
                    : (text, json) -> socket.send(text);
            Duration timeout = Duration.ofMillis(connectTimeoutMs);
            if (!socket.connect(timeout)) {
                throw new UnavailableException("cannot open the " + (guest ? "guest session" : "conversation socket")
                        + " on " + open.target().environment()
                        + pipe.closeReason().map(reason -> ": " + reason).orElse(""));
            }
            // Ctrl-C skips the try-with-resources: close the socket with a proper close frame anyway
            Thread closeOnInterrupt = new Thread(socket::close, "gctyping-connect-close");
            Runtime.getRuntime().addShutdownHook(closeOnInterrupt);
            try {
                return pump(sender, pipe, timeout);
            } finally {
                Runtime.getRuntime().removeShutdownHook(closeOnInterrupt);
            }
        }
    }

    private void validate() {
        if (guest && deploymentId == null) {
            throw new ParameterException(spec.commandLine(), "--guest needs --deployment-id");
        }
        if (guest && conversationId != null) {
            throw new ParameterException(spec.commandLine(), "with --guest, name the conversation with --conversation");
        }
        if (!guest && conversationId == null) {
            throw new ParameterException(
                    spec.commandLine(), "Missing CONVERSATION_ID (or use --guest --deployment-id ID)");
        }
        if (!guest && (deploymentId != null || guestConversation != null)) {
            throw new ParameterException(spec.commandLine(), "--deployment-id and --conversation need --guest");
        }
        IgnoredOptions.of(spec)
                .reject(!guest, "a conversation socket", "only a guest sends an Origin: add --guest", "--origin")
                .reject(
                        true,
                        "connect",
                        "the socket is the dialect: the seed conversation socket, or --guest for the Guest API",
                        "--dialect");
    }

    private MessageSocket open(OpenTarget open, Pipe pipe) {
        if (guest) {
            return new GuestSession(
                    open.target(),
                    deploymentId,
                    origin,
                    guestConversation == null ? null : GuestSession.joinConversation(guestConversation),
                    socketSettings,
                    pipe);
        }
        try {
            ConversationSocket socket =
                    new ConversationSocket(open.target(), open.oauth(), conversationId, socketSettings, pipe);
            open.oauth().token(); // refused credentials fail here, as exit 77, not as a socket that will not open
            return socket;
        } catch (IllegalArgumentException seedOnRealCloud) {
            throw new ConfigException(seedOnRealCloud.getMessage() + "; or use connect --guest");
        }
    }

    /** Sends stdin lines until end of input (exit 0) or until the socket gives up (exit 69). */
    /** Sends one validated stdin line; false if it was not sent. */
    @FunctionalInterface
    private interface Sender {
        boolean send(String text, JsonNode json);
    }

    private int pump(Sender sender, Pipe pipe, Duration timeout) throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        BlockingQueue<Optional<String>> lines = readLinesInBackground(environment.stdin());
        int lineNumber = 0;
        while (true) {
            Optional<String> line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (pipe.closeReason().isPresent()) {
                throw new UnavailableException(
                        "connection lost: " + pipe.closeReason().get());
            }
            if (line == null) {
                continue;
            }
            if (line.isEmpty()) {
                return ExitCodes.OK;
            }
            lineNumber++;
            String text = line.get().strip();
            if (text.isEmpty()) {
                continue;
            }
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                err.println("gctyping: stdin line " + lineNumber + " is not JSON, not sent: " + e.getOriginalMessage());
                err.flush();
                continue;
            }
            if (pipe.awaitOpen(timeout) && sender.send(text, json)) {
                pipe.frame("out", json);
            } else {
                err.println("gctyping: stdin line " + lineNumber + " not sent: the socket is not open");
                err.flush();
            }
        }
    }

    /** Lines from stdin on a daemon thread (a blocked read cannot be interrupted); empty = end of input. */
    private static BlockingQueue<Optional<String>> readLinesInBackground(InputStream in) {
        BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader stdin = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                        for (String line = stdin.readLine(); line != null; line = stdin.readLine()) {
                            lines.add(Optional.of(line));
                        }
                    } catch (IOException e) {
                        // a broken stdin ends the input like EOF does
                    }
                    lines.add(Optional.empty());
                },
                "gctyping-stdin");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** Prints socket events as NDJSON (from the socket's threads and ours, one line at a time) and tracks the socket's state. */
    static final class Pipe implements ReconnectingSocket.Listener, GuestSession.Listener {
        private final PrintWriter out;
        private final IsoMillis timestamps = new IsoMillis();
        private boolean open;
        private String closeReason;

        Pipe(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void onText(String text) {
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                json = null;
            }
            frame("in", json == null ? Json.MAPPER.getNodeFactory().textNode(text) : json);
        }

        @Override
        public void onFrame(String text, GuestFrame frame) {
            onText(text);
        }

        @Override
        public synchronized void onOpen(int connection) {
            open = true;
            notifyAll();
            print(JsonLine.object().field("event", "open").field("at", now()).field("connection", connection));
        }

        @Override
        public synchronized void onReconnecting(int attempt, Duration delay, int closeCode, String reason) {
            open = false;
            print(JsonLine.object()
                    .field("event", "reconnect")
                    .field("at", now())
                    .field("attempt", attempt)
                    .field("delayMs", delay.toMillis())
                    .field("closeCode", closeCode)
                    .field("reason", reason));
        }

        @Override
        public synchronized void onClosed(int closeCode, String reason) {
            open = false;
            if (closeCode != org.java_websocket.framing.CloseFrame.NORMAL) {
                closeReason = reason;
            }
            notifyAll();
        }

        synchronized void frame(String direction, JsonNode frame) {
            print(JsonLine.object()
                    .field("event", "frame")
                    .field("direction", direction)
                    .field("at", now())
                    .rawField("frame", frame.toString()));
        }

        synchronized boolean awaitOpen(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!open && closeReason == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return open;
        }

        /** Why the socket ended for good (it gave up or was refused), if it did. */
        synchronized Optional<String> closeReason() {
            return Optional.ofNullable(closeReason);
        }

        private String now() {
            return timestamps.format(System.currentTimeMillis());
        }

        private void print(JsonLine record) {
            out.println(record);
            out.flush();
        }
    }
}
