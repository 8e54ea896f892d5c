-- The keep stage's decisions leave the wide sample rows: recording half a million of them rewrote
-- every page of attempts (and an index entry per row) at the end of each round. A decision is now a
-- narrow row of its own, appended in the (problem id, sample index) order the keep stage decides in;
-- keep_tally holds their counts per round by the samples' domain and kind (what the report reads),
-- updated in the transaction that records the decisions.
CREATE TABLE IF NOT EXISTS keeps(round_id INTEGER NOT NULL, problem_id TEXT NOT NULL, idx INTEGER NOT NULL,
  keep TEXT NOT NULL, detail TEXT, PRIMARY KEY(round_id, problem_id, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS keep_tally(round_id INTEGER NOT NULL, domain TEXT NOT NULL, kind TEXT NOT NULL,
  keep TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY(round_id, domain, kind, keep)) WITHOUT ROWID;
INSERT INTO keeps(round_id, problem_id, idx, keep, detail)
  SELECT round_id, problem_id, idx, keep, keep_detail FROM attempts WHERE keep IS NOT NULL ORDER BY round_id, problem_id, idx;
INSERT INTO keep_tally(round_id, domain, kind, keep, n)
  SELECT round_id, COALESCE(domain, ''), kind, keep, COUNT(*) FROM attempts WHERE keep IS NOT NULL
  GROUP BY round_id, COALESCE(domain, ''), kind, keep;
-- the indexes that carried keep are rebuilt without it (the agentic one with the sample's key, so the
-- report joins its rows to their decisions from the index alone), then the columns go
DROP INDEX IF EXISTS attempts_tally;
DROP INDEX IF EXISTS attempts_agent;
ALTER TABLE attempts DROP COLUMN keep;
ALTER TABLE attempts DROP COLUMN keep_detail;
CREATE INDEX IF NOT EXISTS attempts_tally ON attempts(round_id, problem_id, kind, domain, verdict, verify_ms);
CREATE INDEX IF NOT EXISTS attempts_agent ON attempts(round_id, domain, kind, repairs, first_verdict, verdict,
  tool_calls, tool_ms, problem_id, idx) WHERE first_verdict IS NOT NULL OR kind = 'baseline';
-- the report's counts of problems (by domain, origin, status, drop reason) and of solves (failures,
-- tokens, requests) read narrow covering indexes instead of rows carrying bodies and prompts
CREATE INDEX IF NOT EXISTS problems_tally ON problems(round_id, domain, origin, status, drop_reason);
CREATE INDEX IF NOT EXISTS solves_tally ON solves(round_id, status, problem_id, prompt_tokens, completion_tokens, requests);
