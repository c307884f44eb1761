"""RDF basics: namespaces and IRIs, terms, CURIEs, formats, loading, serialisation, the ontology."""
