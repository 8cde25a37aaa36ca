"""ingest layer of the zwgk knowledge graph."""
