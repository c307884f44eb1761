"""The static Linked Data site: home, entity pages, ontology docs, dataset description."""
