-- Agentic solving: every turn of a sample's trajectory (assistant answers and tool calls, tool
-- outputs, repair feedback), stored as it happens; a finished trajectory's attempt row keeps a
-- summary (turns, tool calls, their sandbox time, repairs, the verdict of its first answer).
CREATE TABLE IF NOT EXISTS turns(round_id INTEGER NOT NULL, problem_id TEXT NOT NULL, idx INTEGER NOT NULL,
  turn INTEGER NOT NULL, role TEXT NOT NULL, content TEXT NOT NULL, tool_calls TEXT, tool_call_id TEXT,
  tokens INTEGER NOT NULL DEFAULT 0, status TEXT, meta TEXT, created_at TEXT,
  PRIMARY KEY(round_id, problem_id, idx, turn));
ALTER TABLE attempts ADD COLUMN turns INTEGER NOT NULL DEFAULT 1;
ALTER TABLE attempts ADD COLUMN tool_calls INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attempts ADD COLUMN tool_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attempts ADD COLUMN repairs INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attempts ADD COLUMN first_verdict TEXT;
