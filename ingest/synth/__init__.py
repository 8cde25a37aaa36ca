"""Synthetic national-scale corpus drawn from the real vocabulary, with truth records for scoring."""
