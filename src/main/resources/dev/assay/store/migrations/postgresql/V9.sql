-- As the SQLite V9: whether the server cut an attempt at max_tokens (finish_reason: length).
ALTER TABLE attempts ADD COLUMN IF NOT EXISTS truncated INTEGER NOT NULL DEFAULT 0;
