"""The real clock and id generator."""

from keloia.adapters.system.clock import SystemClock, UlidIds

__all__ = ["SystemClock", "UlidIds"]
