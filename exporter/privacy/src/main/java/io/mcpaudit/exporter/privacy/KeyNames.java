package io.mcpaudit.exporter.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Argument names that say their value is a secret ({@code password}, {@code api_key}, {@code X-Auth-Token},
 * {@code clientSecret}, …): the value under such a key is replaced whatever it looks like, because a short or
 * low-entropy password passes every value detector. Names are compared case- and separator-insensitively
 * ({@code API-Key}, {@code api_key}, {@code apiKey} and {@code APIKEY} are one name) and match when they contain
 * one of the words. A few ordinary names that contain such a word are exempt ({@code max_tokens}).
 */
public final class KeyNames {
  /** The built-in words, normalized (lower case, no separators). */
  public static final List<String> BUILT_IN = List.of("password", "passwd", "passphrase", "secret", "token", "apikey",
      "authorization", "cookie", "privatekey", "clientsecret", "credential", "session", "accesskey", "secretkey",
      "signature", "jwt", "bearer", "otp", "pincode", "ssn", "creditcard", "cardnumber", "cvv", "cvc", "iban");
  /** Exact names (normalized) that are never taken for a secret: counts and limits, not credentials. */
  private static final Set<String> EXEMPT = Set.of("maxtokens", "tokens", "tokencount", "tokenlimit", "maxtoken",
      "tokentype", "tokenizer", "sessioncount", "inputtokens", "outputtokens", "totaltokens", "passwordpolicy");
  /** Names exactly equal to one of these (normalized) are secrets too; contained, they are too common. */
  private static final Set<String> EXACT = Set.of("pwd", "pass", "auth", "pin", "key", "sid");

  private final List<String> words;

  public KeyNames(List<String> extra) {
    List<String> all = new ArrayList<>(BUILT_IN);
    for (String word : extra) {
      String n = normalize(word);
      if (!n.isEmpty() && !all.contains(n)) {
        all.add(n);
      }
    }
    this.words = List.copyOf(all);
  }

  public static KeyNames standard() {
    return new KeyNames(List.of());
  }

  /** The words in force, normalized: part of the redaction policy's identity. */
  public List<String> words() {
    return words;
  }

  public boolean sensitive(String key) {
    if (key == null || key.isEmpty() || key.length() > 256) {
      return false;
    }
    String n = normalize(key);
    if (EXEMPT.contains(n)) {
      return false;
    }
    if (EXACT.contains(n)) {
      return true;
    }
    for (String word : words) {
      if (n.contains(word)) {
        return true;
      }
    }
    return false;
  }

  static String normalize(String key) {
    StringBuilder out = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
