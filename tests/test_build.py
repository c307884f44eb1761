"""The build is deterministic, the committed graph is current, and independent readers open it."""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from helpers.outside import require_binary
from roadmapkg import build_graph, paths
from roadmapkg.cli.app import main

SUFFIXES = (".ttl", ".jsonld", ".nt")


def build_into(folder: Path, seed: str) -> dict[str, bytes]:
    """Run the CLI build in a fresh interpreter with PYTHONHASHSEED=`seed`."""
    env = dict(os.environ, PYTHONHASHSEED=seed)
    out = folder / "roadmap.ttl"
    subprocess.run(
        [sys.executable, "-m", "roadmapkg.cli", "build", "--output", str(out)],
        check=True,
        env=env,
        capture_output=True,
    )
    return {s: out.with_suffix(s).read_bytes() for s in SUFFIXES}


def test_byte_identical_under_different_hash_seeds(tmp_path):
    first = build_into(tmp_path / "a", "1")
    second = build_into(tmp_path / "b", "4242")
    for suffix in SUFFIXES:
        assert first[suffix] == second[suffix], f"{suffix} differs between hash seeds"


def test_committed_graph_is_current(tmp_path, capsys):
    out = tmp_path / "roadmap.ttl"
    assert main(["build", "--output", str(out)]) == 0
    for suffix in SUFFIXES:
        committed = paths.GRAPH.with_suffix(suffix).read_bytes()
        assert out.with_suffix(suffix).read_bytes() == committed, (
            f"data/roadmap{suffix} is stale: run `roadmapkg build` and commit it"
        )
    assert capsys.readouterr().out.startswith("Built ")


def test_all_serialisations_hold_the_same_graph():
    turtle = Graph().parse(paths.GRAPH, format="turtle")
    for suffix, fmt in ((".jsonld", "json-ld"), (".nt", "nt")):
        other = Graph().parse(paths.GRAPH.with_suffix(suffix), format=fmt)
        assert isomorphic(turtle, other), f"{suffix} is not the Turtle graph"
    assert isomorphic(turtle, build_graph())


def rapper_count(path: Path, syntax: str) -> int:
    rapper = require_binary("rapper")
    done = subprocess.run([rapper, "-i", syntax, "-c", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return int(done.stderr.split("returned")[1].split()[0])


@pytest.mark.binary
def test_rapper_reads_turtle_and_ntriples_with_the_same_count():
    triples = len(Graph().parse(paths.GRAPH, format="turtle"))
    assert rapper_count(paths.GRAPH, "turtle") == triples
    assert rapper_count(paths.GRAPH.with_suffix(".nt"), "ntriples") == triples


NEW_SEIZURE = (
    "antwerp-2024-01,1 tonne of cannabis seized in Antwerp,2024-01,antwerp,belgium,"
    "cannabis,1,TONNE,factsheet-seizures,,,,,,\n"
)


def test_a_new_seizure_only_adds_lines_to_the_turtle(sources, tmp_path):
    with (sources / "seizures.csv").open("a", encoding="utf-8") as handle:
        handle.write(NEW_SEIZURE)
    out = tmp_path / "roadmap.ttl"
    assert main(["build", "--sources", str(sources), "--output", str(out)]) == 0
    before = paths.GRAPH.read_text(encoding="utf-8").splitlines()
    after = out.read_text(encoding="utf-8").splitlines()
    changes = [
        line[0]
        for line in difflib.unified_diff(before, after, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changes and set(changes) == {"+"}, "the diff removes or moves lines"
    # its triples and its quantity's: 15, the entailed type rk:Event and the sort date among them
    assert len(Graph().parse(out)) == len(Graph().parse(paths.GRAPH)) + 15


def test_jsonld_uses_the_readable_context():
    data = json.loads(paths.GRAPH.with_suffix(".jsonld").read_text(encoding="utf-8"))
    europol = next(n for n in data["@graph"] if n["@id"].endswith("/actor/europol"))
    assert europol["label"] == {"@language": "en", "@value": "Europol"}
    assert europol["source"] == "https://w3id.org/roadmapkg/id/source/factsheet-encrochat"
    context = json.loads((paths.ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))
    assert data["@context"] == context["@context"]


def test_writing_in_a_second_process_gives_the_same_bytes(tmp_path, monkeypatch):
    """Large graphs are serialised in a second process while the store validates."""
    from roadmapkg.build import pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_BYTES", 0)
    result = pipeline.build_and_write(output=tmp_path / "roadmap.ttl")
    assert result.triples == len(Graph().parse(paths.GRAPH))
    for suffix in SUFFIXES:
        committed = paths.GRAPH.with_suffix(suffix).read_bytes()
        assert (tmp_path / "roadmap.ttl").with_suffix(suffix).read_bytes() == committed, suffix


def test_the_store_loaded_while_writing_holds_the_file_in_many_chunks(tmp_path, monkeypatch):
    """The loading thread gets the lines in chunks (here about 4 KB); the store ends up with
    exactly the triples of the N-Triples file."""
    from roadmapkg.build import pipeline

    handed_over = []
    real = pipeline.Loading._hand_over
    monkeypatch.setattr(pipeline, "LOAD_CHUNK", 4096)
    monkeypatch.setattr(pipeline.Loading, "_hand_over", lambda self: handed_over.append(real(self)))
    result = pipeline.build_and_write(output=tmp_path / "roadmap.ttl")
    whole = ox.Store()
    whole.load(path=tmp_path / "roadmap.nt", format=ox.RdfFormat.N_TRIPLES)
    assert len(handed_over) > 100
    assert set(result.store) == set(whole)
    assert set(result.seconds) == {"build", "load", "validate", "write"}


@pytest.mark.parametrize("chunk", [1 << 24, 4096])  # the bad line in the last chunk, or early
def test_a_line_the_store_cannot_load_fails_the_build_and_writes_nothing(
    tmp_path, monkeypatch, chunk
):
    from roadmapkg.build import pipeline

    real_emit = pipeline.emit

    def broken_emit(out, *args, **kwargs):
        out.writelines(["<urn:a> <urn:b> not-a-term .\n"])
        return real_emit(out, *args, **kwargs)

    monkeypatch.setattr(pipeline, "emit", broken_emit)
    monkeypatch.setattr(pipeline, "LOAD_CHUNK", chunk)
    with pytest.raises(SyntaxError):
        pipeline.build_and_write(output=tmp_path / "roadmap.ttl")
    assert list(tmp_path.iterdir()) == []
    assert not [t for t in threading.enumerate() if t.name == "load"]  # the loader has ended


def test_an_interrupted_build_stops_its_loader(tmp_path, monkeypatch):
    from roadmapkg.build import pipeline

    def interrupted_emit(out, *args, **kwargs):
        out.writelines(["<urn:a> <urn:b> <urn:c> .\n"] * 1000)
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "emit", interrupted_emit)
    monkeypatch.setattr(pipeline, "LOAD_CHUNK", 4096)
    with pytest.raises(KeyboardInterrupt):
        pipeline.build_and_write(output=tmp_path / "roadmap.ttl")
    assert list(tmp_path.iterdir()) == []
    assert not [t for t in threading.enumerate() if t.name == "load"]


SEIZURE_CLASS = "<https://w3id.org/roadmapkg/ontology#Seizure>"


def test_an_at_most_bound_passes_n_and_refuses_n_plus_one():
    """Mutant killed: a sanity bound "at most N" letting N+1 through."""
    from collections import Counter

    from roadmapkg.build.emit import check_bounds
    from roadmapkg.build.values import Bound
    from roadmapkg.errors import SourceError

    at_most_three = Bound(SEIZURE_CLASS, None, 3, "assertions.csv", 8)
    check_bounds(Counter({SEIZURE_CLASS: 3}), [at_most_three])
    with pytest.raises(SourceError) as failure:
        check_bounds(Counter({SEIZURE_CLASS: 4}), [at_most_three])
    assert str(failure.value) == (
        "assertions.csv:8: sanity bound failed: 4 rk:Seizure, expected at most 3"
    )
    error = failure.value
    assert (error.path, error.line, error.field) == ("assertions.csv", 8, "")


def test_origin_names_the_source_row_of_entities_quantities_and_statements():
    import io

    from roadmapkg.build.emit import emit

    emitted = emit(io.StringIO())
    folder = paths.display(paths.SOURCES)
    id_ = "https://w3id.org/roadmapkg/id/"
    statement = f"{id_}statement/schengen-evaluation-ports--rk-servesPillar--port-resilience"
    assert emitted.origin(statement) == f"{folder}/statements.csv:19"
    assert emitted.origin(f"{id_}seizure/rotterdam-2023-08") == f"{folder}/seizures.csv:2"
    assert emitted.origin(f"{id_}seizure/rotterdam-2023-08/quantity") == f"{folder}/seizures.csv:2"
    assert emitted.origin(f"{id_}period/2023--2025") == ""


def test_without_mappings_the_graph_has_no_links():
    import io

    from roadmapkg.build.emit import emit

    with_links, without = io.StringIO(), io.StringIO()
    linked = emit(with_links)
    unlinked = emit(without, mappings=None)
    assert linked.links and unlinked.links == []
    assert unlinked.triples == linked.triples - len(linked.links)
    kept = set(with_links.getvalue().splitlines(keepends=True)) - set(linked.links)
    assert set(without.getvalue().splitlines(keepends=True)) == kept


def curated_rows() -> int:
    """Entity rows of the curated tables, counted with the csv module."""
    import csv

    from roadmapkg.build.schema import TABLES

    total = 0
    for table in TABLES:
        with (paths.SOURCES / table.filename).open(encoding="utf-8", newline="") as handle:
            total += sum(1 for _ in csv.DictReader(handle))
    return total


@pytest.mark.parametrize("extra", [0, 1])
def test_progress_is_reported_once_every_progress_rows_rows(monkeypatch, extra):
    """N entity rows and a report every N + 1 rows: none; every N rows: one, of N rows."""
    import io

    from roadmapkg.build import emit as build

    rows = curated_rows()
    monkeypatch.setattr(build, "PROGRESS_ROWS", rows + 1 - extra)
    reports: list[int] = []
    build.emit(io.StringIO(), progress=reports.append)
    assert reports == [rows] * extra


def test_a_failed_write_keeps_the_old_files_and_leaves_nothing_else(tmp_path):
    import os
    import stat

    from roadmapkg.files.atomic import staged, write_atomically

    old, new = tmp_path / "a.txt", tmp_path / "new" / "b.txt"
    old.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), staged([old, new]) as temporary:
        temporary[old].write_text("half", encoding="utf-8")
        temporary[new].write_text("half", encoding="utf-8")
        raise RuntimeError("interrupted")
    assert old.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file, no new/
    write_atomically({old: b"x", new: b"y"})
    assert (old.read_bytes(), new.read_bytes()) == (b"x", b"y")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.txt", "b.txt", "new"]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask
    (tmp_path / "other").mkdir()
    with pytest.raises(RuntimeError), staged([tmp_path / "other" / "c.txt"]):
        (tmp_path / "other" / "kept.txt").write_text("k", encoding="utf-8")
        raise RuntimeError("interrupted")
    assert [p.name for p in (tmp_path / "other").iterdir()] == ["kept.txt"]
