package io.mcpaudit.bootstrap;

/**
 * The one way to read the raw credential an HTTP request carried. Handed out by {@link
 * AuditBridge#credentialReader()} to the agent's own classes only, so application code on the class
 * path cannot tap credentials through the bootstrap's public API.
 */
public final class CredentialReader {
  static final CredentialReader INSTANCE = new CredentialReader();

  private CredentialReader() {}

  /** The request's raw {@code Authorization} header, or null. */
  public String authorization(HttpRequestInfo info) {
    return info == null ? null : info.authorization;
  }
}
