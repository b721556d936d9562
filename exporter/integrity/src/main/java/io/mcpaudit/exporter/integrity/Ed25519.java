package io.mcpaudit.exporter.integrity;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys as PEM files ({@code openssl genpkey -algorithm ed25519} writes the private key as PKCS#8,
 * {@code openssl pkey -pubout} the public key), signatures with the JDK's own implementation, and the one thing
 * the JDK does not offer: the public key of a private key (RFC 8032, section 5.1.5), so that checkpoints can
 * name the key that signed them without a second file.
 */
public final class Ed25519 {
  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  private static final BigInteger BX =
      new BigInteger("15112221349535400772501151409588531511454012693041857206046113283949847762202");
  private static final BigInteger BY =
      new BigInteger("46316835694926478169428394003475163141307993866256225615783033603165251855960");
  /** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 key bytes follow. */
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private Ed25519() {}

  public static PrivateKey readPrivate(Path pem) throws IOException, GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
  }

  public static PublicKey readPublic(Path pem) throws IOException, GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
  }

  private static byte[] der(Path pem, String label) throws IOException {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IOException(pem + " is not a PEM " + label.toLowerCase() + " (" + begin + ")");
    }
    return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
  }

  /** The public key that belongs to {@code key}, checked by signing and verifying once. */
  public static PublicKey publicKeyOf(PrivateKey key) throws GeneralSecurityException {
    byte[] seed = ((EdECPrivateKey) key).getBytes().orElseThrow(() -> new GeneralSecurityException("no key bytes"));
    byte[] h = MessageDigest.getInstance("SHA-512").digest(seed);
    byte[] a = java.util.Arrays.copyOf(h, 32);
    a[0] &= (byte) 248;
    a[31] &= 127;
    a[31] |= 64;
    BigInteger scalar = new BigInteger(1, reverse(a));
    BigInteger[] point = multiply(scalar);
    byte[] encoded = reverse(toBytes32(point[1]));
    if (point[0].testBit(0)) {
      encoded[31] |= (byte) 0x80;
    }
    byte[] spki = new byte[SPKI_PREFIX.length + 32];
    System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
    System.arraycopy(encoded, 0, spki, SPKI_PREFIX.length, 32);
    PublicKey derived = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    byte[] probe = "mcp-audit key check".getBytes(StandardCharsets.US_ASCII);
    if (!verify(derived, probe, sign(key, probe))) {
      throw new GeneralSecurityException("the derived Ed25519 public key does not verify the private key's signature");
    }
    return derived;
  }

  /** {@code sha256:} and the first 32 hex digits of the SHA-256 of the key's SubjectPublicKeyInfo. */
  public static String fingerprint(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return "sha256:" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] sign(PrivateKey key, byte[] message) throws GeneralSecurityException {
    Signature signature = Signature.getInstance("Ed25519");
    signature.initSign(key);
    signature.update(message);
    return signature.sign();
  }

  public static boolean verify(PublicKey key, byte[] message, byte[] signed) {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initVerify(key);
      signature.update(message);
      return signature.verify(signed);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** {@code scalar · B} on edwards25519 (a = -1), double-and-add in affine coordinates: slow, done once. */
  private static BigInteger[] multiply(BigInteger scalar) {
    BigInteger[] result = {BigInteger.ZERO, BigInteger.ONE};
    BigInteger[] addend = {BX, BY};
    for (int i = 0; i < scalar.bitLength(); i++) {
      if (scalar.testBit(i)) {
        result = add(result, addend);
      }
      addend = add(addend, addend);
    }
    return result;
  }

  private static BigInteger[] add(BigInteger[] p, BigInteger[] q) {
    BigInteger x1 = p[0];
    BigInteger y1 = p[1];
    BigInteger x2 = q[0];
    BigInteger y2 = q[1];
    BigInteger dxxyy = D.multiply(x1).multiply(x2).multiply(y1).multiply(y2).mod(P);
    BigInteger x3 = x1.multiply(y2).add(y1.multiply(x2)).multiply(BigInteger.ONE.add(dxxyy).modInverse(P)).mod(P);
    BigInteger y3 = y1.multiply(y2).add(x1.multiply(x2)).multiply(BigInteger.ONE.subtract(dxxyy).mod(P).modInverse(P)).mod(P);
    return new BigInteger[] {x3, y3};
  }

  private static byte[] toBytes32(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(32, raw.length);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }

  private static byte[] reverse(byte[] bytes) {
    byte[] out = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[bytes.length - 1 - i];
    }
    return out;
  }
}
