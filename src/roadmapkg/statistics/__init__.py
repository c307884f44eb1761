"""Statistics beside the policy: Eurostat tables imported as RDF Data Cube observations whose
reference areas join the graph's countries (`roadmapkg import eurostat`)."""
