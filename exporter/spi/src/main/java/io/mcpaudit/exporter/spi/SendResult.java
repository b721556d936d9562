package io.mcpaudit.exporter.spi;

/**
 * What a send came to: delivered; worth retrying (connection trouble, timeouts, 408, 429, 5xx), possibly
 * after a delay the endpoint asked for ({@code Retry-After}); or rejected for good (any other 4xx), in which
 * case the batch is quarantined rather than retried forever.
 */
public record SendResult(Kind kind, int status, long retryAfterMillis, String detail) {
  public enum Kind { DELIVERED, RETRY, REJECTED }

  public static SendResult delivered(int status) {
    return new SendResult(Kind.DELIVERED, status, 0, null);
  }

  public static SendResult retry(int status, long retryAfterMillis, String detail) {
    return new SendResult(Kind.RETRY, status, retryAfterMillis, detail);
  }

  public static SendResult rejected(int status, String detail) {
    return new SendResult(Kind.REJECTED, status, 0, detail);
  }
}
