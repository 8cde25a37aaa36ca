"""ontology layer of the zwgk knowledge graph.

``zwgk.ttl`` is the source of truth (classes, properties, roles, levels and the
SKOS domain and unit-function schemes); ``shapes.ttl`` holds the SHACL shapes.
Use :mod:`ontology.load` to read them (cached), :mod:`ontology.namespace` for
the terms as a closed namespace, and :mod:`ontology.schemes` for the concept
schemes as plain Python objects.
"""
