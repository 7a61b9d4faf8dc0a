"""Item pipelines, one job a file, run in this order: validate -> dedup -> store (see settings.py)."""
