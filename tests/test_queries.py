"""Saved queries: grlc decorators, hand-checked answers on both embedded engines, safe
parameters, read-only by default, readable errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from answers import EXPECTED, assert_expected_answer
from roadmapkg import queries
from roadmapkg.cli import main
from roadmapkg.errors import RoadmapError
from roadmapkg.queries import is_federated
from roadmapkg.results import render
from roadmapkg.store import ENGINES, open_embedded, substitute

SAVED = queries.saved_paths()
GRLC_VARIABLE = re.compile(r"[?$](_{1,2})([A-Za-z0-9]+)(_[A-Za-z0-9]+){0,2}(?![A-Za-z0-9_])")


@pytest.fixture(scope="module", params=ENGINES)
def store(request):
    return open_embedded(engine=request.param)


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
def test_every_query_has_an_expected_answer(path: Path):
    assert [p for p in EXPECTED.glob(f"{path.stem}.*")], f"no queries/expected/{path.stem}.*"


LOCAL = [p for p in SAVED if not queries.is_federated(queries.load(p))]


@pytest.mark.parametrize("path", LOCAL, ids=lambda p: p.stem)
def test_answer_matches_the_hand_checked_one(path: Path, store):
    """Federated queries need a second server: tests/test_stores.py runs them."""
    query = queries.load(path)
    assert_expected_answer(query, queries.execute(query, store, {}))


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
    assert [str(r[1]) for r in large.rows] == ["103.5", "9.5"]
    assert len(everything.rows) == 3


# ------------------------------------------------------------------ hostile parameter values

INJECTIONS = ['"} ; DROP ALL ; #', "<http://x> } UNION { ?s ?p ?o", "x' } UNION { ?s ?p ?o } #"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_hostile_iri_values_are_rejected(value, capsys):
    code = main(["query", "actions-of-pillar", "--param", f"pillar={value}"])
    assert code == 2
    assert capsys.readouterr().err == (
        "roadmapkg query: parameter pillar: not an absolute IRI "
        f'(no spaces or <>"{{}}|\\^` allowed): {value!r}\n'
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


def test_unquoted_colon_in_summary_is_caught(tmp_path, capsys):
    path = tmp_path / "colon.rq"
    path.write_text(
        "#+ summary: Pillars: all four\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8"
    )
    assert main(["query", str(path)]) == 2
    assert capsys.readouterr().err.startswith(
        f"roadmapkg query: {path}: decorators are not valid YAML (decorator line 1): "
        "mapping values are not allowed here"
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
    assert isomorphic(graph, Graph().parse(EXPECTED / "actor-network.ttl"))
    assert main(["query", "actor-network", "--format", "csv"]) == 2


def test_queries_lists_names_summaries_and_parameters(capsys):
    assert main(["queries"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n    ") >= len(SAVED)
    assert "actions-of-pillar\n    The actions that serve one pillar" in out
    assert "    parameters: substance (iri), minimum (decimal, optional)" in out


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
# into the text); the saved query must answer the same.
DESCRIBE_AS_UNION = """
PREFIX rk: <https://w3id.org/roadmapkg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
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


# ------------------------------------------------------------------ result formats, small rows


def small_rows():
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import XSD

    from roadmapkg.results import Rows

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
    from roadmapkg.results import to_csv, to_json, to_tsv

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
    from roadmapkg.results import Rows, to_table

    rows = small_rows()
    table = Rows(["s", "label"], [r[:2] for r in rows.rows] + [[None, None]])
    assert to_table(table) == (
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
    assert (
        to_table(Rows(["s"], [rows.rows[0][:1]]), width=10)
        == "s\n----------\nactor:eur…\n(1 row)\n"
    )


def test_an_ask_answer_in_every_format():
    from roadmapkg.results import Rows, to_csv, to_json, to_table, to_tsv

    yes, no = Rows([], [], True), Rows([], [], False)
    assert (to_csv(yes), to_tsv(no)) == ("boolean\r\ntrue\r\n", "?boolean\nfalse\n")
    assert json.loads(to_json(yes)) == {"head": {}, "boolean": True}
    assert (to_table(yes), to_table(no)) == ("yes\n", "no\n")


def test_render_refuses_a_format_that_does_not_fit_the_result():
    from roadmapkg.errors import RoadmapError
    from roadmapkg.results import render

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

    from roadmapkg.results import literal

    assert literal("Europa", language="fr") == Literal("Europa", lang="fr")
    assert literal("4", str(XSD.integer)) == Literal("4", datatype=XSD.integer)
    assert literal("s", str(XSD.string)) == Literal("s")
    assert literal("s", str(XSD.string)).datatype is None
    assert literal("s").datatype is None


def test_table_cells_use_prefixed_names_only_for_a_plain_local_name():
    from rdflib import Literal

    from roadmapkg.results import Rows, to_table

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
    long = to_table(Rows(["v"], [[Literal("x" * 60)], [Literal("y" * 61)]])).splitlines()
    assert long[2:4] == ["x" * 60, "y" * 59 + "…"]  # cells are cut at 60 characters


def test_json_results_keep_non_ascii_text():
    from rdflib import Literal

    from roadmapkg.results import Rows, to_json

    text = to_json(Rows(["label"], [[Literal("Europäische Kommission", lang="de")]]))
    assert '"value": "Europäische Kommission"' in text
