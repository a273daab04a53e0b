#!/bin/bash
# usage: run.sh label jar [extra regex]
label=$1; jar=$2; re=${3:-'scale.ConcurrencyBenchmark.(save|rawSave)$'}
for b in postgres redis; do for t in 8 32; do
  echo "== $label $b t=$t $(date -u +%T) $(uptime)"
  java -Djmh.ignoreLock=true -jar $jar "$re" -p backend=$b -t $t -f 1 -wi 3 -w 3s -i 5 -r 3s -bm thrpt 2>&1 | grep -E '^ConcurrencyBenchmark|Benchmark ' 
  echo "   end $(date -u +%T) $(uptime)"
done; done
