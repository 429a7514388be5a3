"""The HTTP API (FastAPI): a thin layer over the shared Assistant."""
