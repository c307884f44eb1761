"""The stores' defaults the command line offers: the named graph holding the roadmap and the
embedded engines (constants only, so that `roadmapkg --help` loads no RDF library)."""

ENGINES = ("oxigraph", "rdflib")
DEFAULT_GRAPH = "https://w3id.org/roadmapkg/graph"
