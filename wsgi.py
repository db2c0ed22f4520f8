"""What gunicorn and ``flask --app wsgi`` load."""

import gc

from crm import create_app

app = create_app()

# What is loaded by now (the app, its modules, pypinyin's dictionaries: some 350,000 objects)
# lives as long as the process: out of the collector's sight, a full collection walks only what
# requests make (it took 140–270 ms with them, a request's p95 at 100,000 projects; issue 15).
# Fewer, larger young collections do the rest.
gc.freeze()
gc.set_threshold(10_000, 20, 20)
