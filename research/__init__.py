"""Research tools: trace exports and import, deterministic replay, reports."""
