package dev.gctyping.cli;

import dev.gctyping.client.OpenTarget;
import dev.gctyping.protocol.SimulatorApi;
import java.io.PrintWriter;

/** {@code --guest-page}: says where the simulator's live guest page is. */
final class GuestPages {
    private GuestPages() {}

    static void print(OpenTarget open, PrintWriter err) {
        if (open.target().isSimulator()) {
            err.println("gctyping: guest page: " + open.target().api(SimulatorApi.GUEST_PAGE));
        } else {
            err.println("gctyping: no guest page: only a simulator serves one");
        }
        err.flush();
    }
}
