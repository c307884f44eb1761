"""The network views and export formats the command line offers, each format with the suffix of
the file it writes by default (names only, so that `roadmapkg --help` loads no graph library)."""

VIEWS = ("policy", "actors", "events", "full")
ALL = "all"  # every view, or every format, at once
FORMATS = {
    "graphml": ".graphml",
    "gexf": ".gexf",
    "dot": ".dot",
    "svg": ".svg",
    "png": ".png",
    "cytoscape": ".cyjs",
    "cypher": ".cypher",
    "html": ".html",
    "csv": "",
}
