"""Saved queries: grlc decorators, answers on both embedded engines checked against answers
derived without the query (by hand from the factsheet, or computed from the curated CSVs) and
against the stored regression answers, safe parameters, read-only by default, readable errors."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from rdflib import Graph, URIRef

from helpers import from_sources, hostile
from helpers.answers import (
    HAND,
    assert_independent_answer,
    assert_same_as_stored,
    independent_answer,
)
from helpers.listener import Listener
from roadmapkg import paths
from roadmapkg.cli.app import main
from roadmapkg.errors import RoadmapError
from roadmapkg.queries import saved as queries
from roadmapkg.queries.expected import REGRESSION
from roadmapkg.queries.saved import is_federated
from roadmapkg.rdf.sparql import is_geospatial
from roadmapkg.rdf.sparqlterms import substitute
from roadmapkg.store.choices import ENGINES
from roadmapkg.store.embedded import RdflibStore, open_embedded
from roadmapkg.store.results import render
from test_reference_answers import QUERIES as REFERENCE_ANSWERS

SAVED = queries.saved_paths()
GRLC_VARIABLE = re.compile(r"[?$](_{1,2})([A-Za-z0-9]+)(_[A-Za-z0-9]+){0,2}(?![A-Za-z0-9_])")


@pytest.fixture(scope="module", params=ENGINES)
def store(request):
    return open_embedded(engine=request.param)


def skip_unless_evaluated(query, store) -> None:
    """rdflib has no GeoSPARQL functions: a query calling geof:distance gets no distance there
    (an unknown function is an error, which leaves the variable unbound), so it runs on
    pyoxigraph only."""
    if is_geospatial(query.text) and isinstance(store, RdflibStore):
        pytest.skip("rdflib does not evaluate GeoSPARQL functions (geof:): pyoxigraph only")


def test_at_least_twenty_saved_queries():
    assert len(SAVED) >= 20


@pytest.mark.parametrize("path", SAVED, ids=lambda p: p.stem)
def test_decorators_are_yaml_grlc_reads(path: Path):
    text = path.read_text(encoding="utf-8")
    header = "\n".join(line.lstrip("#+") for line in text.splitlines() if line.startswith("#+"))
    meta = yaml.safe_load(header)
    assert isinstance(meta["summary"], str) and meta["summary"].strip()
    assert meta["tags"] and all(isinstance(t, str) for t in meta["tags"])
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    declared = {m.group(2) for m in GRLC_VARIABLE.finditer(body)}
    for item in meta.get("defaults", []):
        assert set(item) <= declared, f"default for undeclared parameter in {path.name}"
    for item in meta.get("enumerate", []):
        names = set(item) if isinstance(item, dict) else {item}
        assert names <= declared, f"enumerate for undeclared parameter in {path.name}"
    query = queries.load(path)
    for parameter in query.parameters:
        assert not parameter.required or parameter.name in query.defaults, (
            f"{path.name}: required parameter {parameter.name} needs a #+ defaults: value"
        )


@pytest.mark.parametrize("path", SAVED, ids=lambda p: p.stem)
def test_every_query_has_a_stored_regression_answer(path: Path):
    assert [p for p in REGRESSION.glob(f"{path.stem}.*")], f"no queries/regression/{path.stem}.*"


LOCAL = [p for p in SAVED if not queries.is_federated(queries.load(p))]


def test_every_local_query_has_one_independent_answer():
    """Hand-written or computed from the CSVs, never both; federated queries have only their
    links computed (their names and dates come from the EU authority tables:
    tests/test_stores.py checks them)."""
    hand = {p.stem for p in HAND.glob("*.csv")}
    computed = set(from_sources.ANSWERS)
    assert hand & computed == set()
    assert hand | computed == {p.stem for p in LOCAL}
    assert set(from_sources.FEDERATED_TABLES) == {p.stem for p in SAVED} - {p.stem for p in LOCAL}


@pytest.mark.parametrize("path", LOCAL, ids=lambda p: p.stem)
def test_answer_matches_the_independent_one(path: Path, store):
    query = queries.load(path)
    skip_unless_evaluated(query, store)
    assert_independent_answer(query, queries.execute(query, store, {}))


@pytest.mark.parametrize("path", LOCAL, ids=lambda p: p.stem)
def test_answer_matches_the_stored_regression_one(path: Path, store):
    """Federated queries need a second server: tests/test_stores.py runs them."""
    query = queries.load(path)
    skip_unless_evaluated(query, store)
    assert_same_as_stored(query, queries.execute(query, store, {}))


def test_parameters_change_the_answer(store):
    query = queries.load(queries.find("actions-of-pillar"))
    pillar = "https://w3id.org/roadmapkg/id/pillar/crime-prevention"
    result = queries.execute(query, store, {"pillar": pillar})
    assert [str(row[2]) for row in result.rows] == [
        "EU Internet Forum knowledge package on drugs content",
        "High-level conference on crime prevention and best practices on preventing recruitment",
    ]


def test_optional_parameter_filters_when_given(store):
    query = queries.load(queries.find("seizures-of-substance"))
    everything = queries.execute(query, store, {})
    large = queries.execute(query, store, {"minimum": "9"})
    assert {"103.5", "9.5"} <= {str(r[1]) for r in large.rows}  # EncroChat, Algeciras
    assert large.rows == [r for r in everything.rows if float(r[1]) >= 9]
    assert len(large.rows) < len(everything.rows)  # the 8 tonnes of Rotterdam, at least


def test_measure_status_follows_its_date(store):
    """Before the adoption no measure has a status (the answer is empty); by the end of 2024
    the judicial network is launched (implementation.tsv, ejocn-launch, 25 September 2024),
    which it was not on the default date (tests/hand-answers/measure-status.csv)."""
    query = queries.load(queries.find("measure-status"))
    assert queries.execute(query, store, {"date": "2023-10-17"}).rows == []
    judicial = "https://w3id.org/roadmapkg/id/measure/pa2-judicial-network"
    status = {
        date: [(str(r[1]), str(r[2])) for r in queries.execute(query, store, {"date": date}).rows
               if str(r[3]) == judicial]
        for date in ("2024-06-30", "2024-12-31")
    }  # fmt: skip
    assert status == {
        "2024-06-30": [("Planned", "2023-10-18")],
        "2024-12-31": [("Launched", "2024-09-25")],
    }


# ------------------------------------------------------------------ hostile parameter values

INJECTIONS = ['"} ; DROP ALL ; #', "<http://x> } UNION { ?s ?p ?o", "x' } UNION { ?s ?p ?o } #"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_hostile_iri_values_are_rejected(value, capsys):
    code = main(["query", "actions-of-pillar", "--param", f"pillar={value}"])
    assert code == 2
    assert capsys.readouterr().err == (
        "roadmapkg query: parameter pillar: not an absolute IRI "
        f'(no spaces, control characters or <>"{{}}|\\^` allowed): {value!r}\n'
    )


def test_hostile_number_is_rejected(capsys):
    code = main(["query", "seizures-of-substance", "--param", 'minimum="} ; DROP ALL ; #'])
    assert code == 2
    assert capsys.readouterr().err == (
        "roadmapkg query: parameter minimum: not a decimal number: '\"} ; DROP ALL ; #'\n"
    )


@pytest.fixture
def label_query(tmp_path: Path) -> Path:
    path = tmp_path / "by-label.rq"
    path.write_text(
        "#+ summary: Things with a given English label\n"
        "#+ tags:\n#+   - test\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?thing WHERE { ?thing rdfs:label ?_label_en }\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("value", INJECTIONS)
def test_hostile_text_is_only_a_literal(value, label_query, store):
    query = queries.load(label_query)
    assert queries.execute(query, store, {"label": value}).rows == []
    assert queries.execute(query, store, {"label": "Europol"}).rows[0][0].endswith("/europol")


def test_values_block_keeps_the_query_structure():
    text = "SELECT ?x WHERE { ?x ?p ?_v }"
    bound = substitute(text, {"_v": queries.term(queries.Parameter("v", "_v", True, "string"),
                                                  '"} ; DROP ALL ; #')})  # fmt: skip
    assert bound == ('SELECT ?x WHERE { VALUES (?_v) { ("\\"} ; DROP ALL ; #") }  ?x ?p ?_v }')


def test_unknown_and_missing_parameters(capsys, label_query):
    assert main(["query", "pillars", "--param", "colour=red"]) == 2
    assert capsys.readouterr().err == (
        "roadmapkg query: pillars: unknown parameter 'colour' (parameters: none)\n"
    )
    assert main(["query", str(label_query)]) == 2
    assert capsys.readouterr().err == "roadmapkg query: by-label: parameter 'label' is required\n"


# ------------------------------------------------------------------ updates and syntax errors


@pytest.fixture
def update_query(tmp_path: Path) -> Path:
    path = tmp_path / "wipe.rq"
    path.write_text("#+ summary: Delete everything\nDELETE WHERE { ?s ?p ?o }\n", encoding="utf-8")
    return path


def test_update_is_refused_without_allow_update(update_query, capsys):
    assert main(["query", str(update_query)]) == 2
    assert capsys.readouterr().err == (
        f"roadmapkg query: {update_query}: is a SPARQL update (INSERT/DELETE/LOAD/CLEAR/DROP); "
        "refused without --allow-update\n"
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_update_runs_with_allow_update(update_query, engine):
    target = open_embedded(engine=engine)
    count = queries.load(queries.find("counts-per-class"))
    assert queries.execute(count, target, {}).rows
    queries.execute(queries.load(update_query), target, {}, allow_update=True)
    assert queries.execute(count, target, {}).rows == []


def test_syntax_error_names_file_line_and_column(tmp_path, capsys):
    path = tmp_path / "broken.rq"
    path.write_text("#+ summary: Broken\nSELECT ?x WHERE {\n  ?x a ?y ,, .\n}\n", encoding="utf-8")
    assert main(["query", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"roadmapkg query: {path}:3:")
    assert "SPARQL syntax error" in err


def test_unquoted_colon_in_summary_is_caught_in_one_line(tmp_path, capsys):
    """PyYAML's message spans five lines; the error is one."""
    path = tmp_path / "colon.rq"
    path.write_text(
        "#+ summary: Pillars: all four\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8"
    )
    assert main(["query", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"roadmapkg query: {path}: decorators are not valid YAML (decorator line 1): "
        "mapping values are not allowed here\n"
    )


def test_unknown_query_name(capsys):
    assert main(["query", "no-such-question"]) == 2
    assert capsys.readouterr().err.startswith(
        "roadmapkg query: no saved query named 'no-such-question' (known: actions-by-pillar, "
    )


# ------------------------------------------------------------------ output formats and listing


def test_formats_follow_the_w3c_results_formats(capsys):
    assert main(["query", "partner-regions", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["head"]["vars"] == ["region", "label", "pillarNumber"]
    first = data["results"]["bindings"][0]
    assert first["region"] == {
        "type": "uri",
        "value": "https://w3id.org/roadmapkg/id/place/caribbean",
    }
    assert first["label"] == {"type": "literal", "value": "Caribbean", "xml:lang": "en"}
    assert first["pillarNumber"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert main(["query", "partner-regions", "--format", "tsv"]) == 0
    tsv = capsys.readouterr().out.splitlines()
    assert tsv[0] == "?region\t?label\t?pillarNumber"
    assert tsv[1].startswith('<https://w3id.org/roadmapkg/id/place/caribbean>\t"Caribbean"@en\t')
    assert main(["query", "partner-regions", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "https://w3id.org/roadmapkg/id/place/caribbean,Caribbean,4"
    )
    assert main(["query", "partner-regions"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["region", "label", "pillarNumber"]
    assert table[2].split() == ["place:caribbean", "Caribbean", "4"]
    assert table[-1] == "(3 rows)"


def test_construct_writes_a_graph(capsys):
    assert main(["query", "actor-network", "--format", "nt"]) == 0
    graph = Graph().parse(data=capsys.readouterr().out, format="nt")
    assert set(graph.serialize(format="nt").splitlines()) - {""} == (
        independent_answer("actor-network")
    )
    assert main(["query", "actor-network", "--format", "csv"]) == 2


def test_queries_lists_names_summaries_and_parameters(capsys):
    assert main(["queries"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n    ") >= len(SAVED)
    assert "actions-of-pillar\n    The actions that serve one pillar" in out
    assert "    parameters: substance (iri, optional), minimum (xsd:decimal, optional)" in out


def test_run_queries_writes_every_result(tmp_path, capsys):
    assert main(["run-queries", "--output", str(tmp_path)]) == 0
    assert capsys.readouterr().out.endswith(
        "(federated queries skipped: give --service to run them)\n"
    )
    written = sorted(p.stem for p in tmp_path.iterdir())
    assert written == sorted(p.stem for p in LOCAL)
    assert (tmp_path / "pillars.csv").read_bytes().startswith(b"number,pillar,label,wording\r\n")


def test_every_update_form_is_an_update(tmp_path):
    path = tmp_path / "move.rq"
    path.write_text("#+ summary: Move\nMOVE GRAPH <http://a> TO GRAPH <http://b>\n")
    assert queries.load(path).is_update


def test_an_update_on_the_embedded_store_is_refused(update_query, capsys):
    assert main(["query", str(update_query), "--allow-update"]) == 2
    assert capsys.readouterr().err == (
        "roadmapkg query: wipe: an update on the embedded store would be lost: "
        "use --store or --endpoint\n"
    )


def test_rows_streamed_as_text_give_the_csv_of_the_terms():
    """On pyoxigraph, run-queries writes SELECT answers from the solutions' text, building no
    RDF terms: byte for byte the CSV the terms give."""
    store = open_embedded(engine="oxigraph")
    selects = [q for q in queries.load_all() if q.form == "SELECT" and not is_federated(q)]
    assert len(selects) > 20
    for query in selects:
        terms = render(queries.execute(query, store, {}), "csv")
        assert queries.execute_csv(query, store, {}) == terms, query.name


def test_a_failure_while_rows_stream_is_a_one_line_error():
    store = open_embedded(engine="oxigraph")
    unreachable = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    _, rows = store.select_text(unreachable, {})  # pyoxigraph fails as the rows are read
    with pytest.raises(RoadmapError) as error:
        list(rows)
    assert str(error.value).startswith("query failed: ") and "\n" not in str(error.value)


# describe-entity as first written, a UNION of its two cases: plain, but slow on a large graph
# (a VALUES binding of the entity does not reach into the UNION, so here the entity is written
# into the text); the saved query must answer the same. Both leave out the entailed types and
# the sort dates.
DESCRIBE_AS_UNION = """
PREFIX rk: <https://w3id.org/roadmapkg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?property ?value ?source ?basis WHERE {
  {
    ?_entity_iri ?property ?value ; dct:source ?sourceNode .
    FILTER(?property != dct:source)
    FILTER NOT EXISTS {
      ?statement rdf:subject ?_entity_iri ; rdf:predicate ?property ; rdf:object ?value .
    }
  } UNION {
    ?statement rdf:subject ?_entity_iri ; rdf:predicate ?property ; rdf:object ?value ;
      dct:source ?sourceNode .
  }
  FILTER NOT EXISTS { ?_entity_iri a ?narrower . ?narrower rdfs:subClassOf ?value }
  FILTER(?property != rk:sortDate)
  ?sourceNode rk:evidenceBasis ?basisConcept .
  BIND(STR(?sourceNode) AS ?source)
  BIND(STRAFTER(STR(?basisConcept), "#") AS ?basis)
}
"""


def test_describe_entity_answers_as_its_union_form_for_every_subject():
    store = open_embedded(engine="oxigraph")
    saved = queries.load(queries.find("describe-entity"))
    subjects = [row[0] for row in store.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o }", {}).rows]
    assert len(subjects) > 500
    for subject in subjects:
        expected = store.query(DESCRIBE_AS_UNION.replace("?_entity_iri", subject.n3()), {}).rows
        answer = queries.execute(saved, store, {"entity": str(subject)}).rows
        assert sorted(map(tuple, answer)) == sorted(map(tuple, expected)), subject


def test_the_readme_says_which_query_is_checked_which_way():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    ways = {}
    for line in readme.splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        ways_named = ("by hand", "recomputed", "computed", "in part")
        if len(cells) == 4 and cells[2].startswith(ways_named):
            ways[cells[2].split(":")[0]] = set(re.findall(r"`([a-z-]+)`", cells[1]))
    hand = {p.stem for p in HAND.glob("*.csv")}
    assert ways == {
        "by hand, from the factsheet and the reference notes": hand - set(REFERENCE_ANSWERS),
        "recomputed from the reference files": set(REFERENCE_ANSWERS),
        "computed from the CSVs": set(from_sources.ANSWERS),
        "in part": {q.name for q in queries.load_all() if queries.is_federated(q)},
    }


@pytest.mark.parametrize("path", sorted(HAND.glob("*.csv")), ids=lambda p: p.stem)
def test_hand_written_answers_are_sorted_with_lf_and_say_where_from(path: Path):
    text = path.read_bytes().decode("utf-8")
    assert "\r" not in text
    comments = [line for line in text.splitlines() if line.startswith("#")]
    # the factsheet's lines, or the reference files the rows were recomputed from
    assert any(
        "factsheet line" in line.lower() or "../shared/reference/" in line for line in comments
    )
    rows = [line for line in text.splitlines() if not line.startswith("#")][1:]
    assert rows == sorted(rows)


# ------------------------------------------------------------------ injection through a parameter


@pytest.fixture
def echo_queries(tmp_path: Path) -> tuple[Path, Path]:
    return hostile.write(tmp_path, "echo", hostile.ECHO), hostile.write(
        tmp_path, "two-texts", hostile.TWO_TEXTS
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_a_quote_after_a_backslash_no_longer_lets_a_second_parameter_run_a_service(
    engine, echo_queries, capsys
):
    """`x\\n\\\\"` once closed its literal early (rdflib's n3() wrote it in triple quotes),
    the second value was then read as SPARQL, and its SERVICE call was made."""
    with Listener() as listener:
        values = hostile.injection(listener.url)
        args = ["query", str(echo_queries[1]), "--engine", engine, "--format", "json"]
        code = main([*args, *hostile.params(values)])
        assert listener.requests == []
    assert code == 0
    assert hostile.echoed(capsys.readouterr().out) == hostile.expected(values)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("value", hostile.HOSTILE)
def test_hostile_text_in_every_text_parameter_comes_back_as_it_was(
    engine, value, echo_queries, capsys
):
    values = dict(hostile.ECHO_DEFAULTS, first=value, second=value[::-1], label=value, code=value)
    args = ["query", str(echo_queries[0]), "--engine", engine, "--format", "json"]
    assert main([*args, *hostile.params(values)]) == 0
    assert hostile.echoed(capsys.readouterr().out) == hostile.expected(values)


HOSTILE_IRIS = [
    *hostile.HOSTILE,
    *(f"http://example.org/a{c}b" for c in '<>"{}|^`\\ \n\r\t\x00\x01\x7f\x85\u00a0\u2028'),
]


@pytest.mark.parametrize("value", HOSTILE_IRIS)
def test_an_iri_parameter_that_could_end_its_brackets_is_refused(value, echo_queries, capsys):
    values = dict(hostile.ECHO_DEFAULTS, thing=value)
    assert main(["query", str(echo_queries[0]), *hostile.params(values)]) == 2
    assert capsys.readouterr().err == (
        "roadmapkg query: parameter thing: not an absolute IRI "
        f'(no spaces, control characters or <>"{{}}|\\^` allowed): {value!r}\n'
    )


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("count", "not an integer"),
        ("amount", "not a decimal number"),
        ("day", "not a date (YYYY-MM-DD)"),
    ],
)
@pytest.mark.parametrize("value", [*hostile.HOSTILE, "5\n", "2023-02-14\n} #"])
def test_a_number_or_date_parameter_holding_syntax_is_refused(
    name, problem, value, echo_queries, capsys
):
    values = dict(hostile.ECHO_DEFAULTS, **{name: value})
    assert main(["query", str(echo_queries[0]), *hostile.params(values)]) == 2
    assert capsys.readouterr().err == f"roadmapkg query: parameter {name}: {problem}: {value!r}\n"


def test_a_value_that_is_not_utf8_is_refused(echo_queries, capsys):
    raw = b"caf\xe9".decode("utf-8", "surrogateescape")  # what Python makes of a Latin-1 argv
    values = dict(hostile.ECHO_DEFAULTS, first=raw)
    assert main(["query", str(echo_queries[0]), *hostile.params(values)]) == 2
    err = capsys.readouterr().err
    assert err == f"roadmapkg query: parameter first: not valid UTF-8: {raw!r}\n"


def test_a_file_of_ones_own_runs_without_decorators(tmp_path, capsys):
    """Regression: `roadmapkg query my-question.rq` refused a file with no '#+ summary:'."""
    path = tmp_path / "my-question.rq"
    path.write_text(
        "PREFIX rk: <https://w3id.org/roadmapkg/ontology#>\n"
        "SELECT (COUNT(?pillar) AS ?pillars) WHERE { ?pillar a rk:Pillar }\n",
        encoding="utf-8",
    )
    assert main(["query", str(path), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["pillars", "4"]
    assert queries.load(path).summary == "my-question"


def test_a_saved_query_still_needs_its_summary(tmp_path, monkeypatch):
    monkeypatch.setattr(queries, "QUERIES", tmp_path)
    path = tmp_path / "unsummarised.rq"
    path.write_text("SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(queries.QueryError, match="'#\\+ summary:' decorator is missing"):
        queries.load(path)


@pytest.mark.parametrize("path", LOCAL, ids=lambda p: p.stem)
def test_both_engines_print_the_same_numbers(path, capsys):
    """Regression: rdflib printed `8.0` where pyoxigraph printed `8` for one xsd:decimal."""
    if is_geospatial(path.read_text(encoding="utf-8")):
        pytest.skip("rdflib does not evaluate GeoSPARQL functions (geof:): pyoxigraph only")
    printed = {}
    fmt = "csv" if queries.load(path).form in ("SELECT", "ASK") else "nt"
    for engine in ("oxigraph", "rdflib"):
        assert main(["query", str(path), "--engine", engine, "--format", fmt]) == 0
        printed[engine] = sorted(capsys.readouterr().out.splitlines())
    assert printed["rdflib"] == printed["oxigraph"]


def column_texts(table: str, header: list[str]) -> list[str]:
    """The text of each column of a terminal table, its lines joined, spaces left out."""
    lines = table.splitlines()
    starts = [lines[0].index(name) for name in header]
    ends = [*starts[1:], None]
    return [
        "".join("".join(line[a:b].split()) for line in lines[2:-1])
        for a, b in zip(starts, ends, strict=True)
    ]


@pytest.mark.parametrize("width", [60, 100, 160])
def test_terminal_tables_fit_the_width_and_cut_nothing(width, capsys, monkeypatch):
    """Regression: tables were 232 characters wide, with IRIs cut to 60 characters."""
    monkeypatch.setenv("COLUMNS", str(width))
    assert main(["query", "key-figures", "--format", "csv"]) == 0
    header, *rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert main(["query", "key-figures"]) == 0
    table = capsys.readouterr().out
    compacted = {"http://qudt.org/vocab/unit/": "unit:", "http://www.w3.org/2006/time#": "time:"}
    for row in rows:
        for i in range(len(row)):
            for iri, curie in compacted.items():
                row[i] = row[i].replace(iri, curie)
    assert column_texts(table, header) == [
        "".join("".join(row[i].split()) for row in rows) for i in range(len(header))
    ]
    # a column narrows down to its header or its longest word (up to 16 characters)
    words = [max(len(w) for row in rows for w in [*row[i].split(), ""]) for i in range(len(header))]
    floors = [max(len(name), min(16, words[i])) for i, name in enumerate(header)]
    narrowest = sum(floors) + 2 * (len(header) - 1)
    assert max(map(len, table.splitlines())) == max(width, narrowest)
    assert "…" not in table


@pytest.mark.parametrize(
    ("variable", "problem"),
    [
        ("?__minimum_decimal", "grlc reads _decimal as a language tag (for a datatype write "
         "_xsd_decimal)"),
        ("?_label_string", "grlc reads _string as a language tag (for a datatype write "
         "_xsd_string)"),
    ],
)  # fmt: skip
def test_a_suffix_grlc_reads_as_a_language_is_refused(variable, problem, tmp_path):
    """Regression: `?_lang_string` and `?__minimum_decimal` meant a string and a decimal to
    roadmapkg, but grlc read them as language tags ("fr"@string, "9"@decimal)."""
    path = tmp_path / "typed.rq"
    path.write_text(f"SELECT * WHERE {{ ?s ?p {variable} }}\n", encoding="utf-8")
    with pytest.raises(queries.QueryError) as error:
        queries.load(path)
    assert str(error.value) == f"{path}: {variable}: {problem}"


def test_a_required_parameter_with_a_default_is_refused(tmp_path):
    """Regression: grlc does not fill a required parameter from its default, so an API call
    without it failed with HTTP 500."""
    path = tmp_path / "defaulted.rq"
    path.write_text(
        "#+ defaults:\n#+   - thing: http://example.org/a\nSELECT * WHERE { ?_thing_iri ?p ?o }\n",
        encoding="utf-8",
    )
    with pytest.raises(queries.QueryError) as error:
        queries.load(path)
    assert str(error.value) == (
        f"{path}: ?_thing_iri is required and has a default, which grlc does not fill in: make "
        "it optional (?__thing_iri) with the default in a COALESCE"
    )


@pytest.mark.parametrize("path", SAVED, ids=lambda p: p.stem)
def test_a_default_in_the_decorators_is_the_default_in_the_query(path):
    """An optional parameter's default is stated twice, for grlc's API page (the decorator)
    and for its calls (a COALESCE in the query): both say the same."""
    query = queries.load(path)
    for parameter in query.parameters:
        if parameter.name in query.defaults:
            value = query.defaults[parameter.name]
            written = f"<{value}>" if parameter.type == "iri" else f'"{value}"'
            assert f"COALESCE(?{parameter.variable}, {written})" in query.text, parameter


# ------------------------------------------------------------------ result formats, small rows


def small_rows():
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import XSD

    from roadmapkg.store.results import Rows

    europol = URIRef("https://w3id.org/roadmapkg/id/actor/europol")
    return Rows(
        ["s", "label", "n", "x"],
        [
            [europol, Literal("Europol", lang="en"), Literal("4", datatype=XSD.integer),
             BNode("b1")],
            [URIRef("http://example.org/x/y"), Literal('say "hi", then'), None,
             Literal("s", datatype=XSD.string)],
        ],
    )  # fmt: skip


def test_solutions_as_w3c_csv_tsv_and_json():
    from roadmapkg.store.results import to_csv, to_json, to_tsv

    rows = small_rows()
    assert to_csv(rows) == (
        "s,label,n,x\r\n"
        "https://w3id.org/roadmapkg/id/actor/europol,Europol,4,_:b1\r\n"
        'http://example.org/x/y,"say ""hi"", then",,s\r\n'
    )
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert to_tsv(rows) == (
        "?s\t?label\t?n\t?x\n"
        f'<https://w3id.org/roadmapkg/id/actor/europol>\t"Europol"@en\t"4"^^<{xsd}integer>\t_:b1\n'
        f'<http://example.org/x/y>\t"say \\"hi\\", then"\t\t"s"^^<{xsd}string>\n'
    )
    assert json.loads(to_json(rows)) == {
        "head": {"vars": ["s", "label", "n", "x"]},
        "results": {"bindings": [
            {"s": {"type": "uri", "value": "https://w3id.org/roadmapkg/id/actor/europol"},
             "label": {"type": "literal", "value": "Europol", "xml:lang": "en"},
             "n": {"type": "literal", "value": "4", "datatype": f"{xsd}integer"},
             "x": {"type": "bnode", "value": "b1"}},
            {"s": {"type": "uri", "value": "http://example.org/x/y"},
             "label": {"type": "literal", "value": 'say "hi", then'},
             "x": {"type": "literal", "value": "s"}},
        ]},
    }  # fmt: skip
    assert (
        to_json(rows).startswith('{\n  "head": {\n    "vars": [\n') and to_json(rows)[-2:] == "}\n"
    )


def test_solutions_as_a_terminal_table():
    from roadmapkg.store.results import Rows, to_table

    rows = small_rows()
    table = Rows(["s", "label"], [r[:2] for r in rows.rows] + [[None, None]])
    assert to_table(table, width=80) == (
        "s"
        + " " * 25
        + "label\n"
        + "-" * 24
        + "  "
        + "-" * 14
        + "\n"
        + "actor:europol"
        + " " * 13
        + "Europol\n"
        + '<http://example.org/x/y>  say "hi", then\n'
        + "\n"
        + "(3 rows)\n"
    )
    # narrower than its word, a column stays as wide as the word: nothing is cut
    assert to_table(Rows(["s"], [rows.rows[0][:1]]), width=10) == (
        "s\n-------------\nactor:europol\n(1 row)\n"
    )


def test_an_ask_answer_in_every_format():
    from roadmapkg.store.results import Rows, to_csv, to_json, to_table, to_tsv

    yes, no = Rows([], [], True), Rows([], [], False)
    assert (to_csv(yes), to_tsv(no)) == ("boolean\r\ntrue\r\n", "?boolean\nfalse\n")
    assert json.loads(to_json(yes)) == {"head": {}, "boolean": True}
    assert (to_table(yes), to_table(no)) == ("yes\n", "no\n")


def test_render_refuses_a_format_that_does_not_fit_the_result():
    from roadmapkg.errors import RoadmapError
    from roadmapkg.store.results import render

    graph = Graph()
    graph.add((URIRef("http://e/s"), URIRef("http://e/p"), URIRef("http://e/o")))
    assert render(graph, "nt") == "<http://e/s> <http://e/p> <http://e/o> .\n"
    assert render(graph, "table") == render(graph, "turtle")
    assert render(graph, "table").endswith("\n<http://e/s> <http://e/p> <http://e/o> .\n")
    assert render(small_rows(), "csv").startswith("s,label,n,x\r\n")
    for result, fmt, message in (
        (graph, "csv", "a graph result is written as turtle or nt"),
        (small_rows(), "nt", "solutions are written as table, csv, tsv, json, not nt"),
    ):
        with pytest.raises(RoadmapError) as refused:
            render(result, fmt)
        assert str(refused.value) == message


def test_literals_from_their_parts():
    from rdflib import Literal
    from rdflib.namespace import XSD

    from roadmapkg.store.results import literal_term

    assert literal_term("Europa", language="fr") == Literal("Europa", lang="fr")
    assert literal_term("4", str(XSD.integer)) == Literal("4", datatype=XSD.integer)
    assert literal_term("s", str(XSD.string)) == Literal("s")
    assert literal_term("s", str(XSD.string)).datatype is None
    assert literal_term("s").datatype is None


def test_table_cells_use_prefixed_names_only_for_a_plain_local_name():
    from rdflib import Literal

    from roadmapkg.store.results import Rows, to_table

    id_ = "https://w3id.org/roadmapkg/id/"
    values = [
        f"{id_}actor/europol",
        "https://w3id.org/roadmapkg/ontology#Seizure",
        f"{id_}seizure/x/quantity",
        "http://purl.org/dc/terms/a#b",
        f"{id_}graph",
    ]
    table = to_table(Rows(["v"], [[URIRef(v)] for v in values])).splitlines()
    assert table[2:-1] == [
        "actor:europol",
        "rk:Seizure",
        f"<{id_}seizure/x/quantity>",
        "<http://purl.org/dc/terms/a#b>",
        f"<{id_}graph>",
    ]
    long = Rows(["v"], [[Literal("x" * 60)], [Literal("y" * 61)]])
    assert to_table(long, width=80).splitlines()[2:4] == ["x" * 60, "y" * 61]  # nothing cut
    wrapped = to_table(long, width=40).splitlines()[2:6]
    assert wrapped == ["x" * 40, "x" * 20, "y" * 40, "y" * 21]  # too wide: wrapped


def test_json_results_keep_non_ascii_text():
    from rdflib import Literal

    from roadmapkg.store.results import Rows, to_json

    text = to_json(Rows(["label"], [[Literal("Europäische Kommission", lang="de")]]))
    assert '"value": "Europäische Kommission"' in text
