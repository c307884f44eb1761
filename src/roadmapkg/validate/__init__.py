"""Validation: the SHACL shapes on pySHACL or compiled to SPARQL, the QC queries, reports."""
