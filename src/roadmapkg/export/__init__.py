"""Network views of the graph and their writers (GraphML, GEXF, DOT, Cytoscape, Cypher, ...)."""
