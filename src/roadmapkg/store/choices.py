"""The stores' choices the command line offers: the named graph holding the roadmap, the
embedded engines and the formats of answers (constants only, so that `roadmapkg --help` loads
no RDF library)."""

ENGINES = ("oxigraph", "rdflib")
DEFAULT_GRAPH = "https://w3id.org/roadmapkg/graph"
SOLUTION_FORMATS = ("table", "csv", "tsv", "json")  # a SELECT or ASK answer
GRAPH_FORMATS = ("turtle", "nt")  # a CONSTRUCT or DESCRIBE answer
