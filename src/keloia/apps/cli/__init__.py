"""The `keloia` command (shared/contracts/runtime.md)."""
