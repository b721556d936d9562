package io.mcpaudit.exporter.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ed25519Test {
  @TempDir
  Path dir;

  @Test
  void derivesThePublicKeyOfAPrivateKey() throws Exception {
    for (int i = 0; i < 5; i++) {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      PublicKey derived = Ed25519.publicKeyOf(pair.getPrivate());
      assertThat(derived.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
      assertThat(Ed25519.fingerprint(derived)).isEqualTo(Ed25519.fingerprint(pair.getPublic())).matches("sha256:[0-9a-f]{32}");
    }
  }

  /** The keys as the documented openssl commands make them. */
  @Test
  void readsTheKeysOpensslWrites() throws Exception {
    Path privateKey = dir.resolve("signing.pem");
    Path publicKey = dir.resolve("signing.pub.pem");
    if (!run("openssl", "genpkey", "-algorithm", "ed25519", "-out", privateKey.toString())) {
      return; // no openssl here: the JDK-made keys above cover the math
    }
    assertThat(run("openssl", "pkey", "-in", privateKey.toString(), "-pubout", "-out", publicKey.toString())).isTrue();
    PublicKey derived = Ed25519.publicKeyOf(Ed25519.readPrivate(privateKey));
    assertThat(derived.getEncoded()).isEqualTo(Ed25519.readPublic(publicKey).getEncoded());
    byte[] message = "checkpoint".getBytes();
    assertThat(Ed25519.verify(Ed25519.readPublic(publicKey), message, Ed25519.sign(Ed25519.readPrivate(privateKey), message))).isTrue();
    assertThat(Files.exists(publicKey)).isTrue();
  }

  private static boolean run(String... command) throws Exception {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException notInstalled) {
      return false;
    }
  }
}
