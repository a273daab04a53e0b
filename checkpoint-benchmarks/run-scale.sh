#!/usr/bin/env bash
# Runs the scale suite (io.checkpointkit.benchmarks.scale.ScaleSuite) on each backend, one JVM
# per backend, then redraws every chart from the CSV files.
#
#   checkpoint-benchmarks/run-scale.sh [ScaleSuite options]
#
# Options are ScaleSuite's (see checkpoint-benchmarks/README.md, "Scale", or --help); --backend
# may name several backends, each runs in its own JVM. Defaults: every backend, sizes
# 1000,100000,1000000, output checkpoint-benchmarks/results/scale. JAVA_OPTS (default -Xmx4g)
# goes to each JVM. The jar is built (package, tests skipped) when missing or older than a source.
# Servers: CHECKPOINT_TEST_POSTGRES_URL, CHECKPOINT_TEST_REDIS_URL, else the local default ports.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
jar="$here/target/benchmarks.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root" -name '*.java' -path '*/src/main/*' -newer "$jar" -print -quit)" ]; then
  (cd "$root" && mvn -B -q -DskipTests -pl checkpoint-benchmarks -am package)
fi
backends=all
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --backend) backends=$2; shift 2 ;;
    --help|-h|--plot-only) exec java -cp "$jar" io.checkpointkit.benchmarks.scale.ScaleSuite "$@" ;;
    *) args+=("$1"); shift ;;
  esac
done
[ "$backends" = all ] && backends=memory,sqlite,sqlite-per-execution,postgres,redis
out=checkpoint-benchmarks/results/scale
for ((i = 0; i < ${#args[@]}; i++)); do
  [ "${args[$i]}" = --out ] && out=${args[$((i + 1))]}
done
IFS=, read -ra list <<< "$backends"
for backend in "${list[@]}"; do
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:--Xmx4g} -cp "$jar" io.checkpointkit.benchmarks.scale.ScaleSuite --backend "$backend" "${args[@]}"
done
java -cp "$jar" io.checkpointkit.benchmarks.scale.ScaleSuite --plot-only --out "$out"
