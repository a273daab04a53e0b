#!/bin/bash
J="java -Djmh.ignoreLock=true -jar"
O="-f 1 -wi 3 -w 3s -i 5 -r 3s -bm thrpt"
for round in 1 2; do
for b in postgres redis; do for t in 8 32; do
  if [ $b = redis ]; then
    echo "== round$round before.jar $b t=$t $(date -u +%T) $(uptime)"
    $J /tmp/pgrc/before.jar 'scale.ConcurrencyBenchmark.(save|rawSave)$' -p backend=$b -t $t $O 2>&1 | grep -E '^ConcurrencyBenchmark|rror'
  fi
  echo "== round$round after.jar $b t=$t $(date -u +%T) $(uptime)"
  $J /tmp/pgrc/after.jar 'scale.ConcurrencyBenchmark.(save|rawSave|rawSaveFull)$' -p backend=$b -t $t $O 2>&1 | grep -E '^ConcurrencyBenchmark|rror'
  echo "   end $(date -u +%T) $(uptime)"
done; done; done
