-- As the SQLite V6: a narrow covering index for the report's counts and the keep stage's pass rates;
-- the index by sample id served the kept table V4 folded into attempts.
CREATE INDEX IF NOT EXISTS attempts_tally ON attempts(round_id, problem_id, kind, domain, verdict, keep, verify_ms);
DROP INDEX IF EXISTS attempts_sample;
