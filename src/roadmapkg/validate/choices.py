"""The validation choices the command line offers: the engines and the report formats (constants
only, so that `roadmapkg --help` loads no RDF library)."""

ENGINES = ("oxigraph", "pyshacl")
REPORT_FORMATS = ("text", "json", "turtle")  # text for people; json and turtle for programs
