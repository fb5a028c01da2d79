"""Entities, value objects and pure rules: no I/O, no clock, no ids of their own."""
