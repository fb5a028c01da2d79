"""Business rules. Imports only the standard library, pydantic and keloia.ports (services)."""
