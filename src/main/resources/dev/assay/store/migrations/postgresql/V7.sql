-- The report's agentic counts (trajectories, repairs, tool runs) read a narrow partial index of the
-- rows they count instead of every wide sample row of the round; empty for a round without agents.
CREATE INDEX IF NOT EXISTS attempts_agent ON attempts(round_id, domain, kind, repairs, first_verdict, verdict, keep,
  tool_calls, tool_ms) WHERE first_verdict IS NOT NULL OR kind = 'baseline';
