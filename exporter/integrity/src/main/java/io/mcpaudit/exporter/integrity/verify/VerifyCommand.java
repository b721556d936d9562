package io.mcpaudit.exporter.integrity.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mcpaudit.exporter.integrity.Ed25519;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar mcp-audit-agent.jar verify [--key-file F]... [--public-key F]... [--anchor F]... [--json] FILE...}.
 * Exit 0: intact and complete; 1: tampered or incomplete; 2: usage or I/O error (or a keyed trail without its key).
 */
public final class VerifyCommand {
  static final String USAGE = "usage: java -jar mcp-audit-agent.jar verify [--key-file FILE]... [--public-key FILE]..."
      + " [--anchor FILE]... [--json] FILE...";

  private VerifyCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<byte[]> keys = new ArrayList<>();
    List<PublicKey> publicKeys = new ArrayList<>();
    List<Path> anchors = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    boolean json = false;
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--json" -> json = true;
          case "--key-file" -> keys.add(key(Path.of(value(args, ++i, arg))));
          case "--public-key" -> publicKeys.add(Ed25519.readPublic(Path.of(value(args, ++i, arg))));
          case "--anchor" -> anchors.add(Path.of(value(args, ++i, arg)));
          case "-h", "--help" -> {
            out.println(USAGE);
            return 0;
          }
          default -> {
            if (arg.startsWith("--")) {
              throw new IllegalArgumentException("unknown option " + arg);
            }
            files.add(Path.of(arg));
          }
        }
      }
      if (files.isEmpty()) {
        throw new IllegalArgumentException("no file to verify");
      }
    } catch (IllegalArgumentException e) {
      err.println("mcp-audit verify: " + e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (IOException | GeneralSecurityException e) {
      err.println("mcp-audit verify: cannot read a key: " + e.getMessage());
      return 2;
    }
    Verifier verifier = new Verifier(keys, publicKeys);
    try {
      for (Path anchor : anchors) {
        verifier.addAnchors(anchor);
      }
      for (Path file : files) {
        verifier.read(file);
      }
    } catch (NoSuchFileException e) {
      err.println("mcp-audit verify: no such file: " + e.getFile());
      return 2;
    } catch (IOException e) {
      err.println("mcp-audit verify: cannot read: " + e.getMessage());
      return 2;
    }
    VerifyResult result = verifier.finish();
    out.print(json ? json(result, publicKeys.isEmpty()) : human(result, publicKeys.isEmpty()));
    out.flush();
    return result.exitCode();
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a file");
    }
    return args[i];
  }

  /** An HMAC key file: its bytes, without the trailing newline an editor or {@code echo} adds. */
  static byte[] key(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
      end--;
    }
    if (end == 0) {
      throw new IOException(file + " is empty");
    }
    return Arrays.copyOf(bytes, end);
  }

  static String human(VerifyResult r, boolean signaturesUnchecked) {
    StringBuilder b = new StringBuilder();
    Finding problem = r.firstProblem();
    b.append("mcp-audit verify: ").append(r.status().toUpperCase(java.util.Locale.ROOT));
    if (problem != null) {
      b.append(" at ").append(problem.where()).append(": ").append(problem.kind().label()).append(": ")
          .append(problem.message());
    }
    b.append('\n');
    b.append("  ").append(r.files()).append(" file(s), ").append(r.lines()).append(" line(s), ").append(r.chains())
        .append(" chain(s), ").append(r.checkpoints()).append(" checkpoint(s)")
        .append(signaturesUnchecked ? " (signatures not checked: no --public-key)" : " (signatures checked)")
        .append('\n');
    for (Finding f : r.findings()) {
      if (f == problem) {
        continue;
      }
      b.append("  ").append(f.severity().name().toLowerCase(java.util.Locale.ROOT)).append(' ')
          .append(f.kind().label()).append(f.where().isEmpty() ? "" : " at " + f.where()).append(": ")
          .append(f.message()).append('\n');
    }
    return b.toString();
  }

  static String json(VerifyResult r, boolean signaturesUnchecked) {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
      g.writeStartObject();
      g.writeStringField("status", r.status());
      g.writeNumberField("exit_code", r.exitCode());
      g.writeNumberField("files", r.files());
      g.writeNumberField("lines", r.lines());
      g.writeNumberField("chains", r.chains());
      g.writeNumberField("checkpoints", r.checkpoints());
      g.writeBooleanField("signatures_checked", !signaturesUnchecked);
      g.writeArrayFieldStart("findings");
      for (Finding f : r.findings()) {
        g.writeStartObject();
        g.writeStringField("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT));
        g.writeStringField("kind", f.kind().label());
        if (f.file() != null) {
          g.writeStringField("file", f.file());
        }
        if (f.line() > 0) {
          g.writeNumberField("line", f.line());
        }
        if (f.chainId() != null) {
          g.writeStringField("chain_id", f.chainId());
          g.writeNumberField("seq", f.seq());
        }
        g.writeStringField("message", f.message());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException(e); // a StringWriter does not fail
    }
    return text + "\n";
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }
}
