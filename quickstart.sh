#!/usr/bin/env bash
# Builds the agent, starts the sample MCP server (SDK 2.1.0, Streamable HTTP on 127.0.0.1) with the
# agent attached, drives it with the SDK's own client, stops the server and prints the audit events.
# Needs only JDK 17+ and Maven on the PATH.
set -euo pipefail
cd "$(dirname "$0")"

echo "==> building (mvn -B -q package -DskipTests)"
mvn -B -q package -DskipTests

app=smoke-tests/sample-server-sdk-2.1
cp="$app/target/classes:$(cat "$app/target/classpath.txt")"
out=target/quickstart
rm -rf "$out" && mkdir -p "$out"

echo "==> starting the sample server with -javaagent:agent/target/mcp-audit-agent.jar"
java -javaagent:agent/target/mcp-audit-agent.jar \
     -Dmcp.audit.file.path="$out/mcp-audit.jsonl" \
     -Dmcp.audit.server.id=quickstart -Dmcp.audit.environment=dev \
     -cp "$cp" io.mcpaudit.smoke.app.SampleServer streamable 0 >"$out/server.out" 2>"$out/server.err" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT

port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's/^LISTENING \([0-9]*\)$/\1/p' "$out/server.out" | head -n 1)
  [ -n "$port" ] && break
  kill -0 $server 2>/dev/null || { cat "$out/server.err"; exit 1; }
  sleep 0.2
done
[ -n "$port" ] || { echo "server did not start"; cat "$out/server.err"; exit 1; }
grep '^\[mcp-audit\]' "$out/server.err" || true

echo "==> driving it with the MCP Java SDK client on port $port"
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" io.mcpaudit.smoke.app.SampleClient streamable "$port" "$out/transcript.txt"

echo "==> stopping the server (the agent flushes on exit)"
kill $server && wait $server || true
trap - EXIT

echo "==> audit events in $out/mcp-audit.jsonl:"
cat "$out/mcp-audit.jsonl"
