#!/bin/bash
cd /tmp/ab
R=/work/wt/bench/checkpoint-benchmarks/results/2026-12-02
while [ ! -f $R/seq.done ]; do sleep 2; done
while lsof /tmp/jmh.lock >/dev/null 2>&1; do sleep 3; done
S=$(cat schema)
export PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=test
psql -q -f setup.sql
(date -u; uptime) > $R/pgbench.txt
for round in 1 2; do for v in raw old new; do
  echo "== $v round $round" >> $R/pgbench.txt
  pgbench -n -c 1 -T 8 -M prepared -f $v.sql 2>&1 | grep -E 'latency average|tps' >> $R/pgbench.txt
done; done
psql -Atc "select relname, n_tup_upd, n_tup_hot_upd, n_dead_tup, pg_relation_size(relid) from pg_stat_user_tables where schemaname='$S'" >> $R/pgbench.txt
psql -Atc "select count(*) from $S.t where execution_id='exec-new'" >> $R/pgbench.txt
(date -u; uptime) >> $R/pgbench.txt
psql -q -c "DROP SCHEMA $S CASCADE"
echo done >> $R/pgbench.txt
