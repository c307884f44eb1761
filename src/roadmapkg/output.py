"""Deterministic serialisations of the graph, written atomically."""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from rdflib import BNode, Graph
from rdflib.plugins.serializers.longturtle import LongTurtleSerializer

from . import paths

FORMATS: dict[str, str] = {"turtle": ".ttl", "json-ld": ".jsonld", "nt": ".nt"}


class StableTurtleSerializer(LongTurtleSerializer):
    """rdflib's `longturtle`, with subjects in IRI order only. (rdflib orders them by how often
    they are referenced first, so adding one seizure would move the blocks of its place,
    country and substance and blur the diff.)"""

    def orderSubjects(self) -> list:
        return sorted(self._subjects, key=lambda s: (isinstance(s, BNode), str(s)))


def turtle(graph: Graph) -> bytes:
    """Turtle whose bytes depend only on the triples: stable across runs and hash seeds, and
    a new entity shows in a diff as added lines only."""
    buffer = io.BytesIO()
    StableTurtleSerializer(graph).serialize(buffer, encoding="utf-8")
    return buffer.getvalue()


def ntriples(graph: Graph) -> bytes:
    """N-Triples with the lines sorted, so the file does not depend on hash order."""
    lines = graph.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
    return b"".join(sorted(line for line in lines if line.strip()))


def jsonld(graph: Graph) -> bytes:
    """JSON-LD compacted with `ontology/context.jsonld` (short keys such as `label`, `source`,
    typed values); nodes, keys and values sorted."""
    context = json.loads(paths.CONTEXT.read_text(encoding="utf-8"))["@context"]
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    return (json.dumps(_sorted(data), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def _sorted(value):
    if isinstance(value, dict):
        return {k: _sorted(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


SERIALISERS: dict[str, Callable[[Graph], bytes]] = {
    "turtle": turtle,
    "json-ld": jsonld,
    "nt": ntriples,
}


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary sibling first, then rename them all into place.

    Nothing is renamed unless every temporary file was written, so a failed build or a full
    disk leaves the previous files untouched. (Each rename is atomic; should one of them fail
    midway, which takes an error of the filesystem itself, the files renamed before it are new.)"""
    temporary: dict[Path, Path] = {}
    umask = os.umask(0)
    os.umask(umask)
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            temporary[path] = Path(tmp)
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; the result is not
        for path, tmp in temporary.items():
            os.replace(tmp, path)
    finally:
        for tmp in temporary.values():
            tmp.unlink(missing_ok=True)


def serialise_all(graph: Graph, turtle_path: Path) -> dict[Path, bytes]:
    """The graph in every format, keyed by file path beside `turtle_path`."""
    return {
        turtle_path.with_suffix(suffix): SERIALISERS[fmt](graph) for fmt, suffix in FORMATS.items()
    }
