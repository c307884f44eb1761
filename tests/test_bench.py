"""The benchmark's harness (bench/): the plain path's rdflib forms of saved queries give the
saved queries' answers, the answer comparison finds what differs, and a tiny benchmark runs end
to end with medians and the equality check."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from roadmapkg import paths
from roadmapkg.build.synth import synthesise
from roadmapkg.export import views
from roadmapkg.queries import saved as queries
from roadmapkg.rdf.load import load_graph, load_store
from roadmapkg.store.embedded import OxigraphStore, RdflibStore
from roadmapkg.store.results import render

BENCH = paths.ROOT / "bench"
sys.path.insert(0, str(BENCH))

from equality import canonical, differences, order_by, same_answer  # noqa: E402
from stages import RDFLIB_QUERIES, rdflib_form  # noqa: E402

FORMS = sorted(p.relative_to(RDFLIB_QUERIES).with_suffix("").as_posix()
               for p in RDFLIB_QUERIES.rglob("*.rq"))  # fmt: skip


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> tuple[RdflibStore, OxigraphStore]:
    """The graph of the curated sources plus 300 synthetic events (3 synthetic operations, so
    the actors share more events), on rdflib and on pyoxigraph."""
    from roadmapkg.build.pipeline import build_and_write

    folder = tmp_path_factory.mktemp("bench-graph")
    synthesise(folder / "sources", 300, seed=1)
    build_and_write(folder / "sources", folder / "roadmap.ttl")
    ttl = folder / "roadmap.ttl"
    return RdflibStore(load_graph([ttl])), OxigraphStore(load_store([ttl]))


def test_the_rdflib_forms_are_those_of_the_audit():
    assert FORMS == [
        "actor-network",
        "actor-participation",
        "evidence-bases",
        "external-links",
        "views/actors",
    ]


@pytest.mark.parametrize("name", FORMS)
def test_each_rdflib_form_says_why_it_differs(name: str):
    text = (RDFLIB_QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    assert text.startswith(f"# The plain path's form of queries/{name}.rq")
    words = " ".join(text.replace("#", " ").split())
    assert "the same answer (tested in tests/test_bench.py)" in words
    if name != "evidence-bases":  # the others: a leading VALUES block of predicates
        assert "VALUES block" in words and "a scan of every triple of the graph" in words


def answer(store, name: str, text: str | None = None) -> str:
    """The answer of saved query `name` on `store` (or of `text` in its place), as the
    benchmark writes it."""
    saved = queries.load(queries.QUERIES / f"{name}.rq")
    if text is not None:
        return render(store.query(text, {}), "nt" if saved.form == "CONSTRUCT" else "csv")
    return render(queries.execute(saved, store, {}), "nt" if saved.form == "CONSTRUCT" else "csv")


def assert_same(name: str, rewritten: str, saved: str) -> None:
    query = queries.load(queries.QUERIES / f"{name}.rq")
    assert len(rewritten.splitlines()) > 3  # a real answer, not an empty one
    graph, order = query.form == "CONSTRUCT", order_by(query.text)
    assert same_answer(rewritten, saved, graph=graph, order=order), name


QUERY_FORMS = [f for f in FORMS if not f.startswith("views/")]


@pytest.mark.parametrize("name", QUERY_FORMS)
def test_rdflib_form_gives_the_saved_answer_on_rdflib(name: str, graph):
    """On the curated graph, small enough for rdflib to run the saved query too."""
    store = RdflibStore(graph)
    assert_same(name, answer(store, name, rdflib_form(name)), answer(store, name))


@pytest.mark.parametrize("name", QUERY_FORMS)
def test_rdflib_form_gives_the_saved_answer_at_scale(name: str, synthetic):
    """With synthetic events, the saved query on pyoxigraph (on rdflib it takes minutes)."""
    rdflib_store, oxigraph_store = synthetic
    rewritten = answer(rdflib_store, name, rdflib_form(name))
    assert_same(name, rewritten, answer(oxigraph_store, name))


def edges_and_nodes(view) -> tuple[list, dict]:
    edges = {frozenset((s, t)): d for s, t, d in view.edges(data=True)}
    return sorted(view.nodes(data=True)), edges


def test_rdflib_form_of_the_actors_view_gives_the_same_graph(graph, synthetic):
    form = rdflib_form("views/actors")
    curated = RdflibStore(graph)
    rewritten = views.build_view(curated, "actors", text=form)
    assert rewritten.number_of_edges() >= 3
    assert edges_and_nodes(rewritten) == edges_and_nodes(views.build_view(curated, "actors"))
    rdflib_store, oxigraph_store = synthetic
    rewritten = views.build_view(rdflib_store, "actors", text=form)
    saved = views.build_view(oxigraph_store, "actors")
    assert edges_and_nodes(rewritten) == edges_and_nodes(saved)


def test_a_saved_query_without_an_rdflib_form_runs_as_it_is():
    assert rdflib_form("timeline") is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("154100000.0", "154100000"), ("154100000", "154100000"), ("8E0", "8"), ("1.50", "1.5"),
     ("-0.0", "0"), ("2024-05", "2024-05"), ("Europol", "Europol"), ("", "")],
)  # fmt: skip
def test_numbers_are_canonical(cell: str, expected: str):
    assert canonical(cell) == expected


def test_order_by_names_the_sort_variables():
    assert order_by("SELECT * WHERE { ?s ?p ?o }") == ()
    assert order_by(
        "# ORDER BY ?x\nSELECT ?date WHERE {} ORDER BY STR(?date) DESC(?label) LIMIT 3"
    ) == (
        "date",
        "label",
    )


def test_every_saved_query_orders_by_variables_it_answers_with():
    for query in queries.load_all():
        if query.form == "SELECT":
            projected = re.search(r"SELECT(.*?)WHERE", query.text, re.DOTALL | re.IGNORECASE)[1]
            assert set(order_by(query.text)) <= set(re.findall(r"[?$](\w+)", projected)), query.name


def answers(folder: Path, rows: dict[str, str], findings=(), export=None) -> Path:
    (folder / "queries").mkdir(parents=True)
    for name, text in rows.items():
        (folder / "queries" / name).write_text(text, encoding="utf-8")
    (folder / "findings.json").write_text(json.dumps(list(findings)))
    if export is not None:
        (folder / "export.json").write_text(json.dumps(export))
    return folder


def test_differences_name_each_query_that_differs(tmp_path: Path):
    export = {"nodes": [["a", {}]], "edges": []}
    fast = answers(
        tmp_path / "fast-1",
        {
            "sums.csv": "x,n\r\na,154100000\r\nb,2\r\n",
            "unordered.csv": "x\r\na\r\nb\r\n",
            "ordered.csv": "x\r\na\r\nb\r\n",
            "network.nt": "<a> <b> <c> .\n<d> <e> <f> .\n",
            "ties.csv": "d,x\r\n1,a\r\n1,b\r\n2,c\r\n",
            "same.csv": "x\r\n1\r\n",
        },
        [["Violation", "f", "p", "m", ""]],
        export,
    )
    plain = answers(
        tmp_path / "plain-1",
        {
            "sums.csv": "x,n\r\na,154100000.0\r\nb,2.0\r\n",
            "unordered.csv": "x\r\nb\r\na\r\n",
            "ordered.csv": "x\r\nb\r\na\r\n",
            "network.nt": "<d> <e> <f> .\n<a> <b> <c> .\n",
            "ties.csv": "d,x\r\n1,b\r\n1,a\r\n2,c\r\n",
            "timeline.csv": "x\r\n",
        },
        [["Violation", "f", "p", "other", ""]],
        export,
    )
    order = {"ordered": ("x",), "ties": ("d",)}
    assert differences(plain, fast, order) == [
        "findings",
        "ordered",
        "same (missing in plain-1)",
        "timeline (missing in fast-1)",
    ]
    assert differences(plain, fast, order, unanswered={"same", "timeline"}) == [
        "findings",
        "ordered",
    ]


def test_differences_name_a_missing_or_different_export(tmp_path: Path):
    fast = answers(tmp_path / "fast-1", {}, export={"nodes": [["a", {"label": "A"}]]})
    plain = answers(tmp_path / "plain-1", {})
    assert differences(plain, fast, set()) == ["export (missing in plain-1)"]
    assert differences(plain, fast, set(), unanswered={"export"}) == []
    (plain / "export.json").write_text(json.dumps({"nodes": [["a", {"label": "B"}]]}))
    assert differences(plain, fast, set()) == ["export"]


def test_the_benchmark_runs_end_to_end_with_medians_and_the_equality_check(tmp_path: Path):
    out = tmp_path / "bench.json"
    command = [sys.executable, str(BENCH / "pipeline.py"), "--sizes", "0", "--runs", "2",
               "--output", str(out)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "[4/4] 0 events, plain path, run 2 of 2" in done.stdout
    report = json.loads(out.read_text())
    assert [(r["path"], r["run"]) for r in report["runs"]] == [
        ("fast", 1), ("plain", 1), ("fast", 2), ("plain", 2)
    ]  # fmt: skip
    assert report["equality"] == [
        {
            "events": 0,
            "answers_equal": "yes",
            "differences": {},
            # rdflib does not evaluate GeoSPARQL functions: the plain path leaves these two out
            "not_compared": ["seizure-port-distances", "seizures-near-port"],
        }
    ]
    by_path = {s["path"]: s for s in report["summary"]}
    assert set(by_path["fast"]["stages"]) == {"build", "load", "validate", "write", "queries",
                                              "export"}  # fmt: skip
    assert set(by_path["plain"]["stages"]) == {"load", "validate", "queries", "export"}
    for summary in by_path.values():
        assert summary["runs"] == 2
        for stat in [*summary["stages"].values(), summary["total_s"]]:
            assert stat["min"] <= stat["median"] <= stat["max"]
    plain_runs = [r for r in report["runs"] if r["path"] == "plain"]
    assert by_path["plain"]["total_s"]["median"] == pytest.approx(
        (plain_runs[0]["total_s"] + plain_runs[1]["total_s"]) / 2
    )
    table = subprocess.run([sys.executable, str(BENCH / "report.py"), str(out)],
                           capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert "| 0 | fast | " in table and "| 0 | plain | " in table
    assert "| 0 | yes | seizure-port-distances, seizures-near-port |" in table


def test_report_refuses_a_json_that_is_not_a_benchmark(tmp_path: Path):
    other = tmp_path / "other.json"
    other.write_text('{"runs": []}')
    done = subprocess.run([sys.executable, str(BENCH / "report.py"), str(other)],
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == f"{other}: not the JSON of this benchmark (no 'summary': an older run?)\n"


def test_results_md_and_the_readme_quote_the_committed_run():
    """The tables of bench/RESULTS.md are bench/report.py's rendering of bench/bench.json, and
    the README's figures are that run's medians (a figure typed by hand fails here)."""

    sys.path.insert(0, str(paths.ROOT / "bench"))
    import report

    run = json.loads((paths.ROOT / "bench" / "bench.json").read_text(encoding="utf-8"))
    results = (paths.ROOT / "bench" / "RESULTS.md").read_text(encoding="utf-8")
    assert report.markdown(run).strip() in results
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    medians = {(s["events"], s["path"]): s for s in run["summary"]}
    for events, path in ((100_000, "fast"), (100_000, "plain"), (1_000_000, "fast")):
        assert f"{medians[events, path]['total_s']['median']:.1f} s" in readme
    ratio = (
        medians[100_000, "plain"]["total_s"]["median"]
        / medians[100_000, "fast"]["total_s"]["median"]
    )
    assert f"{ratio:.1f}x faster" in readme
    assert f"triples^{run['fast_fitted_exponent']:.2f}" in readme


def test_results_md_quotes_the_committed_engine_and_statistics_runs():
    """RESULTS.md's figures for the embedded engines and for `import eurostat` are those of
    bench/bench-engines.json and bench/bench-statistics.json, copied from the run's out/."""
    results = " ".join((BENCH / "RESULTS.md").read_text(encoding="utf-8").split())
    engines = json.loads((BENCH / "bench-engines.json").read_text(encoding="utf-8"))
    timing = engines["engines"]
    assert f"on the {engines['queries']} local saved queries" in results
    assert f"median of {engines['rounds']} rounds" in results
    for name in ("oxigraph", "rdflib", "rdflib-saved"):
        assert f"{timing[name]['queries_s']:.3f} s" in results
    for name in ("rdflib", "rdflib-saved"):
        assert f"({timing[name]['queries_s'] / timing['oxigraph']['queries_s']:.1f}x)" in results
    saved = timing["rdflib-saved"]["per_query_s"]
    slowest = sorted(saved, key=saved.get, reverse=True)
    assert slowest[:2] == ["actor-network", "actor-participation"]
    for name in slowest[:2]:
        assert (
            f"`{name}` takes {saved[name]:.3f} s" in results
            or f"`{name}` {saved[name]:.3f} s" in results
        )
        forms = timing["rdflib"]["per_query_s"]
        assert name not in sorted(forms, key=forms.get, reverse=True)[:3]
    imported = json.loads((BENCH / "bench-statistics.json").read_text(encoding="utf-8"))
    assert f"median of {imported['runs']} runs" in results
    for engine, run in imported["engines"].items():
        per_second = f"{run['observations_per_second']:,}".replace(",", " ")
        assert f"| {engine} | {run['observations']:,} |".replace(",", " ") in results
        assert f"| {run['median_seconds']:.2f} s | {per_second} |" in results
    readme = " ".join((paths.ROOT / "README.md").read_text(encoding="utf-8").split())
    median = {e: f"{r['median_seconds']:.2f} s" for e, r in imported["engines"].items()}
    assert (
        f"{median['oxigraph']} with the compiled shapes, {median['pyshacl']} with pySHACL" in readme
    )
    assert f"about {saved['actor-network']:.0f} s on rdflib" in readme
    assert timing["oxigraph"]["queries_s"] < 0.2 and f"all {engines['queries']} on" in readme
