"""What every API's cast shares: payments racing at the same moment (SAFE_*), and what contract fuzzing created."""
