"""api layer of the zwgk knowledge graph."""
