"""Speed is measured here, never in unit tests: ``python -m benchmarks`` (issue 8)."""
