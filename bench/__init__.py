"""Benchmarks of the product on synthetic national-scale corpora (``zwgk bench``, ``make bench``)."""
