"""Command modules of the zwgk CLI (see api/cli.py)."""
