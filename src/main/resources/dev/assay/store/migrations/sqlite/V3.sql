-- The messages each solver request was sent (its training prompt: system and user), and whether an
-- attempt's completion tokens are the server's own count or an estimate.
ALTER TABLE solves ADD COLUMN messages TEXT;
ALTER TABLE attempts ADD COLUMN tokens_estimated INTEGER NOT NULL DEFAULT 0;
-- Requests that failed after their retries: the item stays pending (a rerun retries it) until it has
-- failed round.max_model_failures times, when it is given up as model_error.
CREATE TABLE IF NOT EXISTS model_failures(round_id INTEGER NOT NULL, item TEXT NOT NULL, failures INTEGER NOT NULL,
  last_error TEXT, PRIMARY KEY(round_id, item));
