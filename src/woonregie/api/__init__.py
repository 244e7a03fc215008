"""The JSON API (FastAPI) under /api/v1."""
