#!/bin/bash
cd /work/main
J="java -jar checkpoint-benchmarks/target/benchmarks.jar -f 1 -wi 2 -w 3s -i 4 -r 3s -bm thrpt"
for b in postgres redis; do for t in 8 32; do
  echo "### $b t=$t"; $J "scale.ConcurrencyBenchmark.(save|rawSave|rawSaveFull)$" -p backend=$b -t $t 2>&1 | grep -E "^ConcurrencyBenchmark|^Benchmark"
done; done
echo "### sqlite t=8 store"; $J 'scale.ConcurrencyBenchmark.save$' -p backend=sqlite -t 8 2>&1 | grep -E "^ConcurrencyBenchmark|^Benchmark"
echo "### sqlite raw batch=8 t=1 (x8)"; $J 'scale.ConcurrencyBenchmark.(rawSave|rawSaveFull)$' -p backend=sqlite -p batch=8 -t 1 2>&1 | grep -E "^ConcurrencyBenchmark|^Benchmark"
uptime
