package io.mcpaudit.exporter.pipeline;

import io.mcpaudit.exporter.spi.Batch;
import io.mcpaudit.exporter.spi.ExporterContext;
import io.mcpaudit.exporter.spi.ExporterProvider;
import io.mcpaudit.exporter.spi.RemoteExporter;
import io.mcpaudit.exporter.spi.SendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * {@code recording}: a remote exporter for the pipeline's own tests, found by name like every exporter. It
 * keeps the lines it "delivers" and answers as the test scripts it. (The real exporters are tested against
 * real receivers in their modules and in the smoke tests.)
 */
public final class RecordingExporterProvider implements ExporterProvider {
  static volatile Recording last;
  static volatile IntFunction<SendResult> script = attempt -> SendResult.delivered(200);

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public boolean remote() {
    return true;
  }

  @Override
  public RemoteExporter openRemote(ExporterContext context) {
    Recording recording = new Recording(script);
    last = recording;
    return recording;
  }

  static final class Recording implements RemoteExporter {
    final List<String> delivered = new CopyOnWriteArrayList<>();
    final List<String> producers = new CopyOnWriteArrayList<>();
    private final IntFunction<SendResult> answer;
    private int attempts;
    private List<String> lines = List.of();
    private List<String> lineProducers = List.of();

    Recording(IntFunction<SendResult> answer) {
      this.answer = answer;
    }

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public String describe() {
      return "recording exporter";
    }

    @Override
    public BatchLimits limits() {
      return new BatchLimits(64, 1 << 20, 20);
    }

    @Override
    public EncodedRequest encode(Batch batch) {
      lines = new ArrayList<>();
      lineProducers = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        lines.add(batch.line(i));
        lineProducers.add(batch.producer(i).get("service.instance.id"));
      }
      return new EncodedRequest(new byte[0], 0, "application/x-ndjson", null, batch.size());
    }

    @Override
    public SendResult send(EncodedRequest request) {
      SendResult result = answer.apply(attempts++);
      if (result.kind() == SendResult.Kind.DELIVERED) {
        delivered.addAll(lines);
        producers.addAll(lineProducers);
      }
      return result;
    }

    @Override
    public void close() {}
  }
}
