"""Saved SPARQL queries: read their decorators, bind parameters, run them, stored answers."""
