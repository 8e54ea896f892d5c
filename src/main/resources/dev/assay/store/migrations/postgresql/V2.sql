-- Indexes for the queries the loop, the report and the API run (as the SQLite V2), and for the
-- insertion-order reads: a round's problems and the samples listing's cursor.
CREATE INDEX IF NOT EXISTS kept_attempt ON kept(round_id, problem_id, idx);
CREATE INDEX IF NOT EXISTS problems_status ON problems(round_id, status);
CREATE INDEX IF NOT EXISTS verdicts_reason ON verdicts(round_id, reason);
CREATE INDEX IF NOT EXISTS rounds_state ON rounds(run_name, state);
CREATE INDEX IF NOT EXISTS problems_seq ON problems(round_id, seq);
CREATE UNIQUE INDEX IF NOT EXISTS attempts_seq ON attempts(seq);
