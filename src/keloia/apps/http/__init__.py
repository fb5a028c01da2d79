"""The HTTP apps (Litestar): WhatsApp webhook, health, simulator (and the dashboard)."""
