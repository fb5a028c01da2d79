"""The dashboard's pages (server-rendered, Indonesian), one module per pillar."""
