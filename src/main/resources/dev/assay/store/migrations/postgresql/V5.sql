-- As the SQLite V5 (agentic solving): every turn of a sample's trajectory, stored as it happens, and
-- a finished trajectory's summary on its attempt row.
CREATE TABLE IF NOT EXISTS turns(round_id BIGINT NOT NULL, problem_id TEXT COLLATE "C" NOT NULL, idx INTEGER NOT NULL,
  turn INTEGER NOT NULL, role TEXT NOT NULL, content TEXT NOT NULL, tool_calls TEXT, tool_call_id TEXT,
  tokens BIGINT NOT NULL DEFAULT 0, status TEXT, meta TEXT, created_at TEXT,
  PRIMARY KEY(round_id, problem_id, idx, turn));
ALTER TABLE attempts ADD COLUMN IF NOT EXISTS turns INTEGER NOT NULL DEFAULT 1;
ALTER TABLE attempts ADD COLUMN IF NOT EXISTS tool_calls INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attempts ADD COLUMN IF NOT EXISTS tool_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE attempts ADD COLUMN IF NOT EXISTS repairs INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attempts ADD COLUMN IF NOT EXISTS first_verdict TEXT;
