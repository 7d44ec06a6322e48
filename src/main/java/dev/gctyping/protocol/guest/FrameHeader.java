package dev.gctyping.protocol.guest;

/**
 * The envelope every Guest API server frame shares: {@code type} is {@code response} (a reply to
 * one of our requests) or {@code message} (pushed), {@code class} names the body's shape.
 *
 * @param tracingId echoed from our request, or null
 */
public record FrameHeader(String type, String className, int code, String tracingId) {
    public boolean isResponse() {
        return "response".equals(type);
    }
}
