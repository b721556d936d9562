package io.mcpaudit.exporter.otlp;

import io.mcpaudit.exporter.spi.ExporterContext;
import io.mcpaudit.exporter.spi.ExporterProvider;
import io.mcpaudit.exporter.spi.RemoteExporter;
import io.mcpaudit.exporter.spi.http.HttpSender;
import io.mcpaudit.exporter.spi.http.TlsFiles;
import java.io.IOException;
import java.time.Duration;

/**
 * {@code otlp}: events as OpenTelemetry log records over OTLP/HTTP ({@code http/protobuf} or {@code http/json}),
 * to a Collector or any OTLP endpoint, configured by {@code mcp.audit.otlp.*} or the standard {@code
 * OTEL_EXPORTER_OTLP_*} variables ({@link OtlpSettings}). Headers are secrets: never logged.
 */
public final class OtlpExporterProvider implements ExporterProvider {

  @Override
  public String name() {
    return "otlp";
  }

  @Override
  public boolean remote() {
    return true;
  }

  @Override
  public RemoteExporter openRemote(ExporterContext context) throws IOException {
    OtlpSettings settings = OtlpSettings.resolve(context);
    var ssl = TlsFiles.context(settings.caFile(), settings.certFile(), settings.keyFile());
    HttpSender sender = new HttpSender(settings.endpoint(), settings.headers(),
        Duration.ofMillis(settings.timeoutMillis()), ssl, settings.gzip());
    LogsEncoder encoder = settings.json()
        ? new JsonLogsEncoder(context.agentVersion())
        : new ProtobufLogsEncoder(context.agentVersion());
    return new OtlpExporter(encoder, sender, settings.limits(), settings.protocol());
  }
}
