"""Cleaning off the reactor: a pool of worker processes that run the cleaner, each page under a
time and a memory limit (pool.py, worker.py), and the extension that gives it to the spider
(cleaning.py)."""
