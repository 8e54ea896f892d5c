-- Whether the server cut an attempt at max_tokens (finish_reason: length): an unfinished answer is
-- no answer, and a resumed round must still know it when it verifies what was left unverified.
ALTER TABLE attempts ADD COLUMN truncated INTEGER NOT NULL DEFAULT 0;
