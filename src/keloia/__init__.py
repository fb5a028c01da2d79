"""Keloia: WhatsApp-first operations for small Indonesian bus charter companies."""
