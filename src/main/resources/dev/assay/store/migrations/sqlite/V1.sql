-- The wave-1 schema, as every database made before versioned migrations has it.
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS runs(name TEXT PRIMARY KEY, seed INTEGER, created_at TEXT);
CREATE TABLE IF NOT EXISTS rounds(id INTEGER PRIMARY KEY AUTOINCREMENT, run_name TEXT NOT NULL,
  round_no INTEGER NOT NULL, seed INTEGER, model TEXT, simulated INTEGER, state TEXT, stage TEXT,
  config_json TEXT, started_at TEXT, finished_at TEXT, wall_ms INTEGER NOT NULL DEFAULT 0,
  report_json TEXT, UNIQUE(run_name, round_no));
CREATE TABLE IF NOT EXISTS problems(round_id INTEGER NOT NULL REFERENCES rounds(id), id TEXT NOT NULL,
  domain TEXT NOT NULL, origin TEXT NOT NULL, parent_id TEXT, source_id TEXT, body TEXT NOT NULL,
  status TEXT NOT NULL, drop_reason TEXT, detail TEXT, created_at TEXT, PRIMARY KEY(round_id, id));
CREATE TABLE IF NOT EXISTS proposals(round_id INTEGER NOT NULL, seed_id TEXT NOT NULL,
  prompt_tokens INTEGER, completion_tokens INTEGER, requests INTEGER, latency_ms INTEGER,
  created_at TEXT, PRIMARY KEY(round_id, seed_id));
CREATE TABLE IF NOT EXISTS solves(round_id INTEGER NOT NULL, problem_id TEXT NOT NULL, status TEXT NOT NULL,
  detail TEXT, prompt_tokens INTEGER, completion_tokens INTEGER, requests INTEGER, latency_ms INTEGER,
  created_at TEXT, PRIMARY KEY(round_id, problem_id));
CREATE TABLE IF NOT EXISTS attempts(round_id INTEGER NOT NULL, problem_id TEXT NOT NULL, idx INTEGER NOT NULL,
  sample_id TEXT NOT NULL, text TEXT NOT NULL, prompt_tokens INTEGER, completion_tokens INTEGER,
  model TEXT, seed INTEGER, kind TEXT NOT NULL DEFAULT 'sample', created_at TEXT,
  PRIMARY KEY(round_id, problem_id, idx));
CREATE TABLE IF NOT EXISTS verdicts(round_id INTEGER NOT NULL, problem_id TEXT NOT NULL, idx INTEGER NOT NULL,
  reason TEXT NOT NULL, detail TEXT, verifier TEXT, wall_ms INTEGER, created_at TEXT,
  PRIMARY KEY(round_id, problem_id, idx));
CREATE TABLE IF NOT EXISTS kept(round_id INTEGER NOT NULL, sample_id TEXT NOT NULL, problem_id TEXT NOT NULL,
  idx INTEGER NOT NULL, PRIMARY KEY(round_id, sample_id));
CREATE INDEX IF NOT EXISTS attempts_sample ON attempts(round_id, sample_id);
CREATE TABLE IF NOT EXISTS keep_drops(round_id INTEGER NOT NULL, problem_id TEXT NOT NULL, idx INTEGER NOT NULL,
  reason TEXT NOT NULL, detail TEXT, PRIMARY KEY(round_id, problem_id, idx));
CREATE TABLE IF NOT EXISTS problem_scores(round_id INTEGER NOT NULL, problem_id TEXT NOT NULL,
  dual_agreement REAL NOT NULL, consensus INTEGER, candidates INTEGER, PRIMARY KEY(round_id, problem_id));
CREATE TABLE IF NOT EXISTS models(name TEXT PRIMARY KEY, run_name TEXT NOT NULL, parent TEXT, dataset TEXT,
  base_url TEXT, simulated INTEGER NOT NULL DEFAULT 0, after_round INTEGER NOT NULL, created_at TEXT);
