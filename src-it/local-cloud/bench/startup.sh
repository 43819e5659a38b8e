#!/usr/bin/env bash
# Prints how long the standalone local cloud takes from `java -jar` to answering its health
# path, over N runs (default 5). Build the jar first: mvn -B -q -pl src-it/local-cloud package -DskipTests
set -euo pipefail
jar="$(dirname "$0")/../target/crossdeploy-local-cloud.jar"
runs="${1:-5}"
port=45661
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  java -jar "$jar" --port "$port" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1000); do
    if curl -sf "http://localhost:$port/_localcloud/health" >/dev/null; then break; fi
    sleep 0.01
  done
  end=$(date +%s%N)
  echo "run $i: ready after $(( (end - start) / 1000000 )) ms"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
