"""Rule files: schema (validation), loader (files -> Rule), compile (Rule -> spaCy matchers)."""
