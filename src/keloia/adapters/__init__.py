"""Adapters: the outside world (Claude, storage, WhatsApp) behind the ports."""
