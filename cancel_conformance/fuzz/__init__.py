"""Contract fuzzing: schemathesis against a contract, its checks judged as `CON_*` rules."""
