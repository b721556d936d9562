#!/usr/bin/env bash
# End-to-end load benchmark: the sample MCP server with no agent (twice per round: the A/A control), mcp-audit
# (file; file,otlp to a loopback sink; propagation off) and the OpenTelemetry Java agent (exporters off),
# alternating round by round in one run. Report: benchmarks/target/load-report.md
#
# Usage: benchmarks/run-load.sh [--quick] [--pin] [options]
#   (default)          full run: 3 rounds, 60 s warm-up + 20 s measured per setup (≈ 25-30 minutes)
#   --quick            1 round, 20 s warm-up + 10 s measured (≈ 5 minutes)
#   --pin              server JVM on core 0 alone (taskset -c 0, -XX:ActiveProcessorCount=1, as on a 1-CPU pod),
#                      load generator (this runner JVM) on core 1 (taskset -c 1); needs Linux and 2+ CPUs
#   --warmup S         warm-up seconds under load (default 60, --quick 20)
#   --warmup-extend S  extend warm-up by up to S seconds, in 5 s steps, while the server's C2 compiler threads
#                      use > 2 % of its CPU (default 30, --quick 10); a window with C2 still busy is flagged
#   --window S         measured seconds (default 20, --quick 10)
#   --rounds N         rounds (default 3, --quick 1)
#   --threads N        closed-loop load threads (default 4)
#   --client raw|sdk   raw: HTTP/1.1 keep-alive over plain sockets (default); sdk: the MCP SDK's client (the old
#                      harness; it costs more CPU than the server it drives)
#   --transport streamable|stdio   (stdio always uses the SDK client over one shared session)
#   --setups A,B,...   a subset of NO_AGENT_AGAIN, MCP_AUDIT, MCP_AUDIT_OTLP, MCP_AUDIT_CAPTURE_ONLY, OTEL_AGENT,
#                      DIY (hand-written interceptor; not in the default set); NO_AGENT always runs first
# Server JVM flags can be added with -Dload.serverJvmArgs=... on the runner (see docs/PERFORMANCE.md).
set -euo pipefail
cd "$(dirname "$0")/.."
OTEL_VERSION=2.33.1
if [[ ! -f agent/target/mcp-audit-agent.jar || ! -f benchmarks/target/benchmarks.jar \
      || ! -f smoke-tests/sample-server-story/target/classpath.txt ]]; then
  mvn -B -q -DskipTests install
fi
OTEL_JAR=benchmarks/target/agents/opentelemetry-javaagent.jar
if [[ ! -f "$OTEL_JAR" ]]; then
  mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:${OTEL_VERSION} \
    -DoutputDirectory=benchmarks/target/agents -Dmdep.stripVersion=true
fi
PIN=()
for arg in "$@"; do
  if [[ "$arg" == "--pin" ]]; then
    command -v taskset >/dev/null || { echo "--pin needs taskset (util-linux)" >&2; exit 2; }
    # the runner JVM (load generator and OTLP sink) on core 1; it starts the server under taskset -c 0
    PIN=(taskset -c 1)
  fi
done
exec "${PIN[@]}" java -cp benchmarks/target/benchmarks.jar io.mcpaudit.benchmarks.load.LoadRunner \
  --root . --otel "$OTEL_JAR" --out benchmarks/target/load-report.md "$@"
