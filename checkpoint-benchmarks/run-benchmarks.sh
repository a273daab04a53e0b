#!/usr/bin/env bash
# Runs a chosen set of JMH benchmarks and writes a markdown table of the results.
#
#   checkpoint-benchmarks/run-benchmarks.sh [REGEX] [OUTPUT.md] [-- extra JMH options]
#
# REGEX selects benchmarks (default: all, which takes long); OUTPUT.md defaults to
# checkpoint-benchmarks/results/<date>-<regex>.md. The JSON from JMH is kept beside it.
# Backends are found as the tests find them: CHECKPOINT_TEST_POSTGRES_URL,
# CHECKPOINT_TEST_REDIS_URL, CHECKPOINT_TEST_REDIS_CLUSTER_URL, else the local default ports.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
regex=${1:-.}
shift || true
out=${1:-}
[ $# -gt 0 ] && shift || true
[ "${1:-}" = "--" ] && shift || true
mkdir -p "$here/results"
slug=$(echo "$regex" | tr -c 'A-Za-z0-9_-' '_' | sed 's/_*$//')
[ -n "$out" ] || out="$here/results/$(date +%Y%m%d-%H%M%S)-${slug:-all}.md"
json="${out%.md}.json"
jar="$here/target/benchmarks.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root" -name '*.java' -path '*/src/main/*' -newer "$jar" -print -quit)" ]; then
  (cd "$root" && mvn -B -q -DskipTests -pl checkpoint-benchmarks -am install)
fi
java -jar "$jar" "$regex" -rf json -rff "$json" "$@"
python3 "$here/jmh-to-markdown.py" "$json" > "$out"
echo "wrote $out"
