"""The `keloia` command (docs/contracts.md "Running Keloia")."""
