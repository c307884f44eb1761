"""data/tables.yaml, the declaration of the curated source tables, against the ontology and the
shapes: every column's predicate is a declared property, and a column is required exactly where
the shapes require its property, so a missing value fails the same way whichever it is."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, SH

from roadmapkg import paths
from roadmapkg.build.schema import TABLES, load_tables
from roadmapkg.cli.app import main
from roadmapkg.errors import RoadmapError
from roadmapkg.rdf import ontology
from roadmapkg.rdf.namespaces import RK

# rk:servesPillar comes from mappings/ (a curated inference for each action), not a column
FROM_MAPPINGS = {RK.servesPillar}


@functools.cache
def counts(cls) -> dict:
    """For each property path, the largest sh:minCount and the smallest sh:maxCount of the
    active property shapes that apply to instances of `cls` (targeting it or a superclass)."""
    shapes, onto = Graph().parse(paths.SHAPES), ontology.load()
    found: dict = {}
    for shape, target in shapes.subject_objects(SH.targetClass):
        if cls not in ontology.subclasses(target, onto):
            continue
        for prop in shapes.objects(shape, SH.property):
            if shapes.value(prop, SH.deactivated):
                continue
            low, high = shapes.value(prop, SH.minCount), shapes.value(prop, SH.maxCount)
            seen = found.setdefault(shapes.value(prop, SH.path), {"min": 0, "max": None})
            if low is not None:
                seen["min"] = max(seen["min"], int(low))
            if high is not None:
                seen["max"] = int(high) if seen["max"] is None else min(seen["max"], int(high))
    return found


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_every_column_predicate_is_a_property_of_the_ontology(table):
    declared = ontology.properties(ontology.load())
    unknown = [c.name for c in table.all_columns() if c.predicate and c.predicate not in declared]
    assert unknown == []


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_a_column_is_required_exactly_where_the_shapes_require_its_property(table):
    shapes = counts(table.base_class)
    required = {p for p, c in shapes.items() if c["min"] >= 1} - FROM_MAPPINGS
    columns = {c.predicate: c for c in table.all_columns() if c.predicate}
    assert {p for p, c in columns.items() if c.required} == required - {RK.quantity}
    assert table.quantity_required == (RK.quantity in required)


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_a_column_of_a_single_valued_property_takes_one_value(table):
    onto, shapes = ontology.load(), counts(table.base_class)
    functional = set(onto.subjects(RDF.type, OWL.FunctionalProperty))
    multi = [
        c.name
        for c in table.all_columns()
        if c.multi and (c.predicate in functional or shapes.get(c.predicate, {}).get("max") == 1)
    ]
    assert multi == []


def test_the_shapes_require_what_the_issue_found_disagreeing():
    """A seizure's place and its substance: once one failed in the CSV (exit 2), the other in
    SHACL (exit 1); both are required columns now."""
    seizures = {c.name: c for c in next(t for t in TABLES if t.name == "seizures").columns}
    assert seizures["place"].required and seizures["substance"].required


@pytest.fixture
def output(tmp_path: Path) -> Path:
    return tmp_path / "out" / "roadmap.ttl"


def seizure_without(sources: Path, column: int) -> None:
    """Empty the `column`th cell of the Rotterdam seizure (line 2 of seizures.csv)."""
    path = sources / "seizures.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    cells = lines[1].split(",")
    cells[column] = ""
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize("column,name", [(3, "place"), (5, "substance")])
def test_a_seizure_without_place_or_substance_fails_alike(sources, output, capsys, column, name):
    seizure_without(sources, column)
    if name == "place":  # Rotterdam's place (its port) is a reading in statements.csv: drop it
        statements = sources / "statements.csv"
        kept = statements.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [s for s in kept if not s.startswith("rotterdam-2023-08,rk:place,")]
        statements.write_text("".join(kept), encoding="utf-8")
    assert main(["build", "--sources", str(sources), "--output", str(output)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"roadmapkg build: {sources}/seizures.csv:2: {name}: required value is empty"
    )
    assert not output.exists()


def test_a_required_value_statements_csv_gives_may_be_left_empty(sources, output, capsys):
    """Algeciras's substance is a curated reading in statements.csv, with its own source."""
    seizure_without(sources, 5)
    with (sources / "statements.csv").open("a", encoding="utf-8") as handle:
        handle.write("rotterdam-2023-08,rk:substance,cocaine,,curation,a test's reading\n")
    assert main(["build", "--sources", str(sources), "--output", str(output)]) == 0


def test_a_seizure_without_a_quantity_fails_in_the_csv(sources, output, capsys):
    path = sources / "seizures.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",cocaine,8,TONNE,", ",cocaine,,,", 1),
        encoding="utf-8",
    )
    assert main(["build", "--sources", str(sources), "--output", str(output)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"roadmapkg build: {sources}/seizures.csv:2: value: required value is empty"
    )


@pytest.mark.parametrize(
    "text,message",
    [
        ("tables: []\n", "expected a mapping `tables:` of table names"),
        ("tables: {t: {kind: x, colour: red, columns: {}}}\n", "t: unknown key colour"),
        (
            "tables: {t: {kind: x, class: rk:Source, columns: {c: {kind: txt}}}}\n",
            "t.c: kind: 'txt' is not one of text, string, integer, decimal, boolean, date, "
            "period, url, concept (or ref)",
        ),
        (
            "tables: {t: {kind: x, class: nope:Source, columns: {}}}\n",
            "t: class: 'nope:Source' is not a CURIE of a known prefix",
        ),
        (
            "tables: {t: {kind: x, class: rk:Source, columns: {c: {ref: []}}}}\n",
            "t.c: ref: expected a list of tables",
        ),
        (
            "tables: {t: {kind: x, class: rk:Source, columns: "
            "{c: {kind: text, predicate: rdfs:label, required: 1}}}}\n",
            "t.c: required: expected true or false, not 1",
        ),
        (
            "tables: {t: {kind: x, class: rk:Source, columns: {c: {kind: concept}}}}\n",
            "t.c: scheme: a concept column has one, and only it",
        ),
    ],
)
def test_a_wrong_declaration_names_its_table_and_column(tmp_path, text, message):
    path = tmp_path / "tables.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RoadmapError) as raised:
        load_tables(path)
    assert str(raised.value) == f"{path}: {message}"
