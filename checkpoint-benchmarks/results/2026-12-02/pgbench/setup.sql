CREATE SCHEMA ab_bench_22418;
CREATE TABLE ab_bench_22418.t (id text COLLATE "C" PRIMARY KEY, execution_id text COLLATE "C" NOT NULL, parent_id text COLLATE "C", node_name text NOT NULL, state bytea NOT NULL, metadata jsonb NOT NULL DEFAULT '{}'::jsonb, ts timestamptz NOT NULL, version bigint NOT NULL);
CREATE INDEX ON ab_bench_22418.t (execution_id, ts, id);
CREATE TABLE ab_bench_22418.t_writes (execution_id text COLLATE "C" PRIMARY KEY, last_write timestamptz NOT NULL);
