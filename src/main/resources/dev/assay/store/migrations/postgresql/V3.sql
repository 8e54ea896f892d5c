-- As the SQLite V3: each solver request's messages, whether an attempt's completion tokens are an
-- estimate, and the model failures per item.
ALTER TABLE solves ADD COLUMN IF NOT EXISTS messages TEXT;
ALTER TABLE attempts ADD COLUMN IF NOT EXISTS tokens_estimated INTEGER NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS model_failures(round_id BIGINT NOT NULL, item TEXT COLLATE "C" NOT NULL, failures INTEGER NOT NULL,
  last_error TEXT, PRIMARY KEY(round_id, item));
