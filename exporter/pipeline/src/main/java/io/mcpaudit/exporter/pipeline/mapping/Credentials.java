package io.mcpaudit.exporter.pipeline.mapping;

import io.mcpaudit.exporter.model.ActivityEvent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.mcpaudit.exporter.model.json.Clock;
import io.mcpaudit.exporter.model.json.Text;
import io.mcpaudit.exporter.privacy.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What an {@code Authorization} header may say about the caller, without ever keeping the
 * credential: the scheme (one of a known set, else {@code other}); a keyed fingerprint (truncated
 * HMAC-SHA256), so two events with the same credential can be linked without the credential being
 * recoverable; for a JWT, a few claims decoded (NOT verified: the signature is not checked, and the
 * event says nothing about validity); for Basic, the user name, unless it looks like a credential
 * itself (API keys are often sent as the Basic user name). Exporter thread only.
 */
final class Credentials {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int FINGERPRINT_HEX = 16;
  private static final int RECENT_CREDENTIALS = 1024;
  private static final long MAX_EPOCH_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z
  /**
   * Schemes written as they are: the IANA HTTP Authentication Scheme Registry, plus NTLM, AWS Signature
   * V4 and GitHub's {@code token}. Anything else is {@code other}: a scheme is free text a client wrote.
   */
  static final Set<String> KNOWN_SCHEMES = Set.of("basic", "bearer", "concealed", "digest", "dpop", "gnap", "hoba",
      "mutual", "negotiate", "oauth", "privatetoken", "scram-sha-1", "scram-sha-256", "vapid", "ntlm",
      "aws4-hmac-sha256", "token");

  private final Mac hmac;
  private final SipHash cacheKeys = SipHash.randomKey();

  Credentials(byte[] fingerprintKey) {
    try {
      hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(fingerprintKey, "HmacSHA256"));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** What is derived from one credential; the credential itself is not kept. */
  private record Derived(String authScheme, String tokenFingerprint, String principal, String clientAppId,
      String tokenIssuer, String tokenExpiresAt) {}

  /** A credential in the cache: its keyed 128-bit hash and its length, never its value. */
  private record CacheKey(long h1, long h2, int length) {}

  /**
   * Clients send the same credential on request after request; an HMAC and a JWT decode per event
   * cost more than mapping the rest of it, so results are remembered for the most recent credentials.
   */
  private final Map<CacheKey, Derived> recent = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<CacheKey, Derived> eldest) {
      return size() > RECENT_CREDENTIALS;
    }
  };

  void read(String authorization, ActivityEvent event) {
    if (authorization == null) {
      return;
    }
    long[] h = cacheKeys.hash128(authorization);
    CacheKey key = new CacheKey(h[0], h[1], authorization.length());
    Derived known = recent.get(key);
    if (known == null) {
      known = parse(authorization);
      recent.put(key, known);
    }
    event.authScheme = known.authScheme;
    event.tokenFingerprint = known.tokenFingerprint;
    event.principal = known.principal;
    event.clientAppId = known.clientAppId;
    event.tokenIssuer = known.tokenIssuer;
    event.tokenExpiresAt = known.tokenExpiresAt;
  }

  private Derived parse(String authorization) {
    ActivityEvent fields = new ActivityEvent();
    String trimmed = authorization.trim();
    int space = trimmed.indexOf(' ');
    if (space <= 0) {
      // a bare value may be the credential itself: never echo it
      return new Derived("other", fingerprint(trimmed), null, null, null, null);
    }
    String scheme = trimmed.substring(0, space).toLowerCase(Locale.ROOT);
    String credential = trimmed.substring(space + 1).trim();
    if (scheme.equals("bearer")) {
      jwtClaims(credential, fields);
    } else if (scheme.equals("basic")) {
      fields.principal = basicUser(credential);
    }
    return new Derived(KNOWN_SCHEMES.contains(scheme) ? scheme : "other", fingerprint(credential),
        fields.principal, fields.clientAppId, fields.tokenIssuer, fields.tokenExpiresAt);
  }

  String fingerprint(String credential) {
    byte[] mac = hmac.doFinal(credential.getBytes(StandardCharsets.UTF_8));
    StringBuilder hex = new StringBuilder("hmac-sha256:");
    for (int i = 0; i < FINGERPRINT_HEX / 2; i++) {
      hex.append(Character.forDigit((mac[i] >> 4) & 0xF, 16)).append(Character.forDigit(mac[i] & 0xF, 16));
    }
    return hex.toString();
  }

  private static void jwtClaims(String token, ActivityEvent event) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[1].length() > 16_384) {
      return; // opaque token: fingerprint only
    }
    byte[] payload;
    try {
      payload = Base64.getUrlDecoder().decode(parts[1]);
    } catch (IllegalArgumentException notBase64Url) {
      return;
    }
    try (JsonParser p = JSON.createParser(payload)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      String clientId = null;
      String azp = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_STRING) {
          switch (name) {
            case "sub" -> event.principal = Text.clean(p.getText(), Text.NAME);
            case "iss" -> event.tokenIssuer = Text.clean(p.getText(), Text.NAME);
            case "client_id" -> clientId = p.getText();
            case "azp" -> azp = p.getText();
            default -> { }
          }
        } else if (value == JsonToken.VALUE_NUMBER_INT && name.equals("exp")) {
          long exp = p.getLongValue();
          if (exp >= 0 && exp <= MAX_EPOCH_SECOND) {
            event.tokenExpiresAt = Clock.format(exp * 1_000_000L);
          }
        } else {
          p.skipChildren();
        }
      }
      String app = clientId != null ? clientId : azp;
      event.clientAppId = Text.clean(app, Text.NAME);
    } catch (java.io.IOException | RuntimeException malformed) {
      // not JSON: the fingerprint stands alone
    }
  }

  /**
   * The Basic user name, never the password, and not even the user name when it looks like a secret:
   * many APIs take a key as the user name ({@code sk_live_…:}, {@code ghp_…:x-oauth-basic}). Only credential
   * detectors are asked: an e-mail address is an ordinary user name.
   */
  static String basicUser(String credential) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String user = decoded.substring(0, colon);
    if (user.length() > Text.NAME || Redactor.credentials().firstKind(user) != null) {
      return null;
    }
    return Text.clean(user, Text.NAME);
  }
}
