"""Build: read and check the curated sources, emit triples and links, write the graph."""
