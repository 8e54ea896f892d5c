-- As the SQLite V8: the keep stage's decisions in a narrow table of their own (appended in the order
-- they are decided) and their counts per round by domain and kind in keep_tally, instead of an update
-- of every wide sample row; the indexes that carried keep are rebuilt without it, and the report's
-- counts of problems and solves get narrow covering indexes.
CREATE TABLE IF NOT EXISTS keeps(round_id BIGINT NOT NULL, problem_id TEXT COLLATE "C" NOT NULL, idx INTEGER NOT NULL,
  keep TEXT NOT NULL, detail TEXT, PRIMARY KEY(round_id, problem_id, idx));
CREATE TABLE IF NOT EXISTS keep_tally(round_id BIGINT NOT NULL, domain TEXT NOT NULL, kind TEXT NOT NULL,
  keep TEXT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY(round_id, domain, kind, keep));
INSERT INTO keeps(round_id, problem_id, idx, keep, detail)
  SELECT round_id, problem_id, idx, keep, keep_detail FROM attempts WHERE keep IS NOT NULL ORDER BY round_id, problem_id, idx;
INSERT INTO keep_tally(round_id, domain, kind, keep, n)
  SELECT round_id, COALESCE(domain, ''), kind, keep, COUNT(*) FROM attempts WHERE keep IS NOT NULL
  GROUP BY round_id, COALESCE(domain, ''), kind, keep;
DROP INDEX IF EXISTS attempts_tally;
DROP INDEX IF EXISTS attempts_agent;
ALTER TABLE attempts DROP COLUMN IF EXISTS keep;
ALTER TABLE attempts DROP COLUMN IF EXISTS keep_detail;
CREATE INDEX IF NOT EXISTS attempts_tally ON attempts(round_id, problem_id, kind, domain, verdict, verify_ms);
CREATE INDEX IF NOT EXISTS attempts_agent ON attempts(round_id, domain, kind, repairs, first_verdict, verdict,
  tool_calls, tool_ms, problem_id, idx) WHERE first_verdict IS NOT NULL OR kind = 'baseline';
-- the report's counts of problems (by domain, origin, status, drop reason) and of solves (failures,
-- tokens, requests) read narrow covering indexes instead of rows carrying bodies and prompts
CREATE INDEX IF NOT EXISTS problems_tally ON problems(round_id, domain, origin, status, drop_reason);
CREATE INDEX IF NOT EXISTS solves_tally ON solves(round_id, status, problem_id, prompt_tokens, completion_tokens, requests);
