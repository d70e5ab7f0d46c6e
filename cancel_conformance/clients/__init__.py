"""HTTP clients, one per API: one method per contract operation, every exchange recorded."""
