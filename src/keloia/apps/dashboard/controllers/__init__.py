"""The JSON API, one controller module per pillar."""
