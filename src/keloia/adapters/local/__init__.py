"""Local stand-ins for outside services on the embedded default."""

from keloia.adapters.local.messenger import LocalMessenger

__all__ = ["LocalMessenger"]
