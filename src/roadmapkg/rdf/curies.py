"""CURIEs: an IRI written short with a prefix (``rk:Action``), and back, for any table of
prefixes (the project's, a JSON-LD context's, an SSSOM file's curie_map)."""

from __future__ import annotations

from collections.abc import Mapping


def compact(iri: str, namespaces: Mapping[str, str]) -> str | None:
    """`iri` as ``prefix:local`` with the longest namespace it starts with, where the rest is a
    plain local name (not empty, no ``/`` or ``#``); None when no namespace gives one."""
    fits = [
        (len(namespace), prefix)
        for prefix, namespace in namespaces.items()
        if iri.startswith(namespace) and is_local_name(iri[len(namespace) :])
    ]
    if not fits:
        return None
    _, prefix = max(fits, key=lambda fit: fit[0])  # the first of equally long ones
    return f"{prefix}:{iri[len(namespaces[prefix]) :]}"


def is_local_name(text: str) -> bool:
    """Whether `text` can follow a prefix in a CURIE as roadmapkg writes them."""
    return bool(text) and "/" not in text and "#" not in text


def expand(curie: str, namespaces: Mapping[str, str]) -> str | None:
    """``prefix:local`` as an IRI, or None when the prefix is unknown or the local name empty."""
    prefix, sep, local = curie.partition(":")
    return f"{namespaces[prefix]}{local}" if sep and prefix in namespaces and local else None
