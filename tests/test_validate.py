"""The SHACL shapes and the validator: one fixture graph per kind of constraint, and the CLI.

Each fixture under tests/fixtures/invalid/ and tests/fixtures/warning/ is a copy of a valid
fixture (tests/fixtures/valid/minimal.ttl, or roadmap-in-action.ttl for the classes of measures,
implementation events, figures and operations) with one defect, and lists the exact report lines
it must produce in `# expect:` comments at its top.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from roadmapkg import paths
from roadmapkg.cli.app import main
from roadmapkg.rdf.load import load_graph
from roadmapkg.rdf.namespaces import ID, RK
from roadmapkg.validate.choices import ENGINES
from roadmapkg.validate.shacl import conforms, validate_files, validate_graph

FIXTURES = Path(__file__).parent / "fixtures"
VALID = sorted((FIXTURES / "valid").glob("*.ttl"))
INVALID = sorted((FIXTURES / "invalid").glob("*.ttl"))
WARNING = sorted((FIXTURES / "warning").glob("*.ttl"))
MINIMAL = FIXTURES / "valid" / "minimal.ttl"


def expected(fixture: Path) -> list[str]:
    """The report lines a fixture declares in its `# expect:` comments."""
    prefix = "# expect: "
    lines = fixture.read_text(encoding="utf-8").splitlines()
    return [line.removeprefix(prefix) for line in lines if line.startswith(prefix)]


def findings(*files: Path, engine: str = "pyshacl") -> list[str]:
    return [str(f) for f in validate_files(list(files), engine=engine)]


def test_every_kind_of_fixture_is_present():
    assert VALID and INVALID and WARNING


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("fixture", VALID, ids=lambda f: f.stem)
def test_valid_fixture_has_no_findings(fixture: Path, engine: str):
    assert findings(fixture, engine=engine) == []


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("fixture", INVALID, ids=lambda f: f.stem)
def test_invalid_fixture_gives_exactly_its_expected_lines(fixture: Path, engine: str):
    expect = expected(fixture)
    assert expect, f"{fixture.name} has no '# expect:' line"
    assert all(line.startswith("Violation: ") for line in expect)
    assert sorted(findings(fixture, engine=engine)) == sorted(expect)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("fixture", WARNING, ids=lambda f: f.stem)
def test_warning_fixture_conforms_with_its_expected_warning(fixture: Path, engine: str):
    expect = expected(fixture)
    assert len(expect) == 1 and expect[0].startswith("Warning: ")
    result = validate_files([fixture], engine=engine)
    assert conforms(result)
    assert [str(f) for f in result] == expect


def test_both_engines_agree_on_the_emitted_graph():
    assert findings(paths.GRAPH, engine="oxigraph") == findings(paths.GRAPH, engine="pyshacl")


def test_emitted_graph_conforms(graph):
    violations = [str(f) for f in validate_graph(graph) if f.severity == "Violation"]
    assert violations == []


def test_sh_class_accepts_a_subclass():
    """rk:place must be an rk:Place: an rk:Port, typed only as such, is one by rdfs:subClassOf."""
    graph = load_graph([MINIMAL])
    place = ID["place/example-city"]
    graph.set((place, RDF.type, RK.Port))
    assert (place, RDF.type, RK.Place) not in graph
    assert (ID["seizure/example"], RK.place, place) in graph
    assert validate_graph(graph) == []


# ---------------------------------------------------------------- the command line


def test_cli_invalid_fixture_exits_1(capsys):
    fixture = FIXTURES / "invalid" / "missing-required-property.ttl"
    assert main(["validate", str(fixture)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [*expected(fixture), "Does not conform: 1 violation(s), 0 warning(s)."]


def test_cli_valid_fixture_exits_0(capsys):
    assert main(["validate", str(MINIMAL)]) == 0
    assert capsys.readouterr().out == "Conforms: 0 violation(s), 0 warning(s).\n"


def test_cli_warning_fixture_exits_0(capsys):
    fixture = FIXTURES / "warning" / "action-without-pillar.ttl"
    assert main(["validate", str(fixture)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [*expected(fixture), "Conforms: 0 violation(s), 1 warning(s)."]


def test_cli_validates_the_emitted_graph_by_default(capsys):
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("Conforms: 0 violation(s), ")


def test_cli_file_that_is_not_turtle_exits_2(tmp_path, capsys):
    broken = tmp_path / "broken.ttl"
    broken.write_text('<https://w3id.org/roadmapkg/id/x> a "unterminated .\n', encoding="utf-8")
    assert main(["validate", str(broken)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"roadmapkg validate: {broken}: not valid turtle: Parser error between line 1 column 37 "
        "and line 2 column 1: Unexpected end of file\n"
    )
    assert main(["validate", "--engine", "pyshacl", str(broken)]) == 2
    assert capsys.readouterr().err.startswith(
        f"roadmapkg validate: {broken}: not valid turtle: at line 1"
    )


def test_cli_missing_file_exits_2(tmp_path, capsys):
    missing = tmp_path / "missing.ttl"
    assert main(["validate", str(MINIMAL), str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"roadmapkg validate: {missing}: file not found\n"


def test_cli_missing_shapes_file_exits_2(tmp_path, capsys):
    missing = tmp_path / "shapes.ttl"
    assert main(["validate", "--shapes", str(missing)]) == 2
    assert capsys.readouterr().err == f"roadmapkg validate: {missing}: file not found\n"


@pytest.mark.parametrize("content", ["", "{}", '{"name": "x"}'])
def test_cli_file_without_triples_exits_2(content, tmp_path, capsys):
    empty = tmp_path / ("empty.jsonld" if content else "empty.ttl")
    empty.write_text(content, encoding="utf-8")
    assert main(["validate", str(empty)]) == 2
    assert capsys.readouterr().err == f"roadmapkg validate: {empty}: holds no triples\n"


@pytest.mark.parametrize("engine", ["oxigraph", "pyshacl"])
def test_cli_second_file_whose_triples_the_first_holds_is_not_empty(engine, capsys):
    """Regression: `validate data/roadmap.ttl data/links.ttl` said links.ttl held no triples,
    because the graph already had every one of them."""
    links = paths.GRAPH.with_name("links.ttl")
    assert main(["validate", "--engine", engine, str(paths.GRAPH), str(links)]) == 0
    assert "holds no triples" not in capsys.readouterr().err


@pytest.mark.parametrize("engine", ENGINES)
def test_validate_writes_the_report_as_json_for_programs(engine, capsys):
    """Regression: the validation report was text only."""
    fixture = FIXTURES / "invalid" / "duplicate-label-language.ttl"
    assert main(["validate", "--engine", engine, "--format", "json", str(fixture)]) == 1
    assert json.loads(capsys.readouterr().out) == {
        "conforms": False,
        "violations": 1,
        "warnings": 0,
        "results": [
            {
                "severity": "Violation",
                "focus": str(ID["substance/example"]),
                "label": "example drug",
                "path": "http://www.w3.org/2000/01/rdf-schema#label",
                "message": "Needs a label (rdfs:label), at most one per language.",
                "shape": "https://w3id.org/roadmapkg/shapes#Thing-label",
            }
        ],
    }


@pytest.mark.parametrize("engine", ENGINES)
def test_validate_writes_the_shacl_validation_report_as_turtle(engine, capsys):
    fixture = FIXTURES / "invalid" / "negative-quantity.ttl"
    assert main(["validate", "--engine", engine, "--format", "turtle", str(fixture)]) == 1
    report = Graph().parse(data=capsys.readouterr().out, format="turtle")
    [node] = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(node, SH.conforms) == Literal(False)
    [result] = report.objects(node, SH.result)
    expected = {
        (RDF.type, SH.ValidationResult),
        (SH.focusNode, ID["seizure/example/quantity"]),
        (SH.resultPath, URIRef("http://qudt.org/schema/qudt/numericValue")),
        (SH.resultSeverity, SH.Violation),
        (SH.resultMessage, Literal("A quantity is not negative.")),
        (SH.sourceShape, URIRef("https://w3id.org/roadmapkg/shapes#QuantityValueShape")),
    }
    assert set(report.predicate_objects(result)) == expected


def test_validate_json_of_a_conforming_graph(capsys):
    assert main(["validate", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    # the warnings: four policy documents without a CELEX number (documents.csv)
    assert (report["conforms"], report["violations"], report["warnings"]) == (True, 0, 4)
