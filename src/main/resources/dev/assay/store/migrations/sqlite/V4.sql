-- One row per sample: an attempt carries its problem's domain, its verdict and the keep stage's
-- decision, so reading a round's samples or counting them never joins a table of the same size.
ALTER TABLE attempts ADD COLUMN domain TEXT;
ALTER TABLE attempts ADD COLUMN verdict TEXT;
ALTER TABLE attempts ADD COLUMN verdict_detail TEXT;
ALTER TABLE attempts ADD COLUMN verifier TEXT;
ALTER TABLE attempts ADD COLUMN verify_ms INTEGER;
ALTER TABLE attempts ADD COLUMN keep TEXT;
ALTER TABLE attempts ADD COLUMN keep_detail TEXT;
UPDATE attempts SET domain = (SELECT p.domain FROM problems p WHERE p.round_id = attempts.round_id AND p.id = attempts.problem_id);
UPDATE attempts SET (verdict, verdict_detail, verifier, verify_ms) = (SELECT v.reason, v.detail, v.verifier, v.wall_ms
  FROM verdicts v WHERE v.round_id = attempts.round_id AND v.problem_id = attempts.problem_id AND v.idx = attempts.idx);
UPDATE attempts SET keep = 'kept' WHERE EXISTS (SELECT 1 FROM kept k WHERE k.round_id = attempts.round_id
  AND k.problem_id = attempts.problem_id AND k.idx = attempts.idx);
UPDATE attempts SET (keep, keep_detail) = (SELECT d.reason, d.detail FROM keep_drops d WHERE d.round_id = attempts.round_id
  AND d.problem_id = attempts.problem_id AND d.idx = attempts.idx)
  WHERE EXISTS (SELECT 1 FROM keep_drops d WHERE d.round_id = attempts.round_id AND d.problem_id = attempts.problem_id
  AND d.idx = attempts.idx);
DROP TABLE verdicts;
DROP TABLE kept;
DROP TABLE keep_drops;
CREATE INDEX IF NOT EXISTS attempts_unverified ON attempts(round_id) WHERE verdict IS NULL;
