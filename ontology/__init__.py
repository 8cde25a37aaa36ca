"""ontology layer of the zwgk knowledge graph."""
