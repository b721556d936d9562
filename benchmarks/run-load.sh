#!/usr/bin/env bash
# End-to-end load benchmark: no agent vs mcp-audit vs the OpenTelemetry Java agent vs a hand-written
# interceptor, alternating, in one run. `--quick` takes about five minutes on 2 cores.
# Usage: benchmarks/run-load.sh [--quick]   (report: benchmarks/target/load-report.md)
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
exec java -cp benchmarks/target/benchmarks.jar io.mcpaudit.benchmarks.load.LoadRunner \
  --root . --otel "$OTEL_JAR" --out benchmarks/target/load-report.md "$@"
