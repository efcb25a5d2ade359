"""How the tutor teaches: hint levels, escalation, the output guardrail (pure, no I/O)."""
