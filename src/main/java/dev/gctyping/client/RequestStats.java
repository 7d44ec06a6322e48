package dev.gctyping.client;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of HTTP traffic, updated from any thread; replay reports them per run. */
public final class RequestStats {
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong reauthentications = new AtomicLong();

    void request() {
        requests.incrementAndGet();
    }

    void retry() {
        retries.incrementAndGet();
    }

    void rateLimited() {
        rateLimited.incrementAndGet();
    }

    void serverError() {
        serverErrors.incrementAndGet();
    }

    /** Counters for one call, or one caller's share of a client's calls. */
    public RequestStats() {}

    void reauthentication() {
        reauthentications.incrementAndGet();
    }

    /** Every HTTP request sent, retries included. */
    public long requests() {
        return requests.get();
    }

    public long retries() {
        return retries.get();
    }

    /** 429 answers received. */
    public long rateLimitedCount() {
        return rateLimited.get();
    }

    /** 5xx answers and transport failures received. */
    public long serverErrors() {
        return serverErrors.get();
    }

    /** Times a 401 made us fetch a fresh token and repeat the call. */
    public long reauthentications() {
        return reauthentications.get();
    }

    @Override
    public String toString() {
        return "requests=" + requests() + " retries=" + retries() + " rateLimited=" + rateLimitedCount()
                + " serverErrors=" + serverErrors() + " reauthentications=" + reauthentications();
    }
}
