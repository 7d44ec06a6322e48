package dev.gctyping.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /guest}: a page that watches a conversation as its customer does. The page is itself a
 * Guest API client: it lists the conversations from {@code /sim/report}, finds the socket from
 * {@code /sim/info}, opens {@code /v1?deploymentId=…} from the browser, sends {@code configureSession}
 * naming the chosen conversation, and shows what that session receives: the agent's typing bubble
 * (for an {@code On}'s duration, until an {@code Off} or the agent's message) and the messages.
 */
final class GuestPage implements HttpHandler {
    static final String PATH = Simulator.GUEST_PAGE;
    private static final String RESOURCE = "guest-page.html";

    private final byte[] page;

    GuestPage() {
        try (InputStream in = GuestPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the guest page " + RESOURCE + " is missing from the jar");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
        }
    }
}
