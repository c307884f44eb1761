"""Stores: embedded and remote SPARQL, the HTTP client, the local server, query results."""
