-- As the SQLite V4: one row per sample (domain, verdict and keep decision on the attempt).
ALTER TABLE attempts ADD COLUMN IF NOT EXISTS domain TEXT;
ALTER TABLE attempts ADD COLUMN IF NOT EXISTS verdict TEXT;
ALTER TABLE attempts ADD COLUMN IF NOT EXISTS verdict_detail TEXT;
ALTER TABLE attempts ADD COLUMN IF NOT EXISTS verifier TEXT;
ALTER TABLE attempts ADD COLUMN IF NOT EXISTS verify_ms BIGINT;
ALTER TABLE attempts ADD COLUMN IF NOT EXISTS keep TEXT;
ALTER TABLE attempts ADD COLUMN IF NOT EXISTS keep_detail TEXT;
UPDATE attempts a SET domain = p.domain FROM problems p WHERE p.round_id = a.round_id AND p.id = a.problem_id;
UPDATE attempts a SET verdict = v.reason, verdict_detail = v.detail, verifier = v.verifier, verify_ms = v.wall_ms
  FROM verdicts v WHERE v.round_id = a.round_id AND v.problem_id = a.problem_id AND v.idx = a.idx;
UPDATE attempts a SET keep = 'kept' FROM kept k WHERE k.round_id = a.round_id AND k.problem_id = a.problem_id AND k.idx = a.idx;
UPDATE attempts a SET keep = d.reason, keep_detail = d.detail FROM keep_drops d
  WHERE d.round_id = a.round_id AND d.problem_id = a.problem_id AND d.idx = a.idx;
DROP TABLE verdicts;
DROP TABLE kept;
DROP TABLE keep_drops;
CREATE INDEX IF NOT EXISTS attempts_unverified ON attempts(round_id) WHERE verdict IS NULL;
