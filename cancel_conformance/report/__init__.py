"""A run's outputs: report.html, results.json, junit.xml, cucumber.json, evidence.jsonl (and the bundle)."""
