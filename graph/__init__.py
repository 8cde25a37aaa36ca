"""graph layer of the zwgk knowledge graph."""
