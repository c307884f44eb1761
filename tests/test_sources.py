"""Broken curated sources fail with one clear message (file, line, field), exit code 2, and
leave the previously written graph untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmapkg import paths
from roadmapkg.cli.app import main
from roadmapkg.errors import SourceError


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def output(tmp_path: Path) -> Path:
    """An output folder holding a copy of the committed graph files."""
    folder = tmp_path / "out"
    folder.mkdir()
    for suffix in (".ttl", ".jsonld", ".nt"):
        target = folder / f"roadmap{suffix}"
        target.write_bytes(paths.GRAPH.with_suffix(suffix).read_bytes())
    return folder / "roadmap.ttl"


def build_fails(sources: Path, output: Path, capsys) -> tuple[int, str]:
    before = {p.name: p.read_bytes() for p in output.parent.iterdir()}
    code = main(["build", "--sources", str(sources), "--output", str(output)])
    after = {p.name: p.read_bytes() for p in output.parent.iterdir()}
    assert after == before, "a failed build changed or left files in the output folder"
    return code, capsys.readouterr().err.strip()


SEIZURE = "rotterdam-2023-08,8 tonnes of cocaine seized in Rotterdam,2023-08,,netherlands"
CASES = {
    "malformed row": (
        "actions.csv",
        "darknet-monitoring,8,",
        "darknet-monitoring,8,,,",
        "actions.csv:9: row has 11 fields, the header has 9",
    ),
    "wrong datatype": (
        "seizures.csv",
        "cocaine,8,TONNE",
        "cocaine,8 tonnes,TONNE",
        "seizures.csv:2: value: not a number: '8 tonnes'",
    ),
    "bad date": (
        "seizures.csv",
        "seized in Rotterdam,2023-08,",
        "seized in Rotterdam,August 2023,",
        "seizures.csv:2: date: not a date (YYYY, YYYY-MM or YYYY-MM-DD): 'August 2023'",
    ),
    "ISO week date": (
        "seizures.csv",
        "seized in Rotterdam,2023-08,",
        "seized in Rotterdam,2023-W01-1,",
        "seizures.csv:2: date: not a date (YYYY, YYYY-MM or YYYY-MM-DD): '2023-W01-1'",
    ),
    "year 0000": (
        "seizures.csv",
        "seized in Rotterdam,2023-08,",
        "seized in Rotterdam,0000,",
        "seizures.csv:2: date: implausible date '0000': the year must be 1900 to 2100",
    ),
    "date 9999-12-31": (
        "seizures.csv",
        "seized in Rotterdam,2023-08,",
        "seized in Rotterdam,9999-12-31,",
        "seizures.csv:2: date: implausible date '9999-12-31': the year must be 1900 to 2100",
    ),
    "period ending 9999": (
        "documents.csv",
        "EU Drugs Action Plan 2021-2025,,,2021/2025,",
        "EU Drugs Action Plan 2021-2025,,,2021/9999-12,",
        "documents.csv:5: period: implausible date '9999-12': the year must be 1900 to 2100",
    ),
    "year 1899": (
        "seizures.csv",
        "seized in Rotterdam,2023-08,",
        "seized in Rotterdam,1899-12-31,",
        "seizures.csv:2: date: implausible date '1899-12-31': the year must be 1900 to 2100",
    ),
    "not an integer": (
        "pillars.csv",
        "port-resilience,1,",
        "port-resilience,one,",
        "pillars.csv:2: number: not an integer: 'one'",
    ),
    "unknown pillar": (
        "statements.csv",
        "schengen-evaluation-ports,rk:servesPillar,port-resilience",
        "schengen-evaluation-ports,rk:servesPillar,pillar-9",
        "statements.csv:19: object: unknown reference 'pillar-9': no such id in any source table",
    ),
    "unknown subject of a statement": (
        "statements.csv",
        "roadmap,dct:identifier,",
        "roadmap-x,dct:identifier,",
        "statements.csv:2: subject: unknown reference 'roadmap-x': no such id in any source table",
    ),
    "unknown source of a label": (
        "labels.csv",
        "belgium,altLabel,bg,Кралство Белгия,op-country-table",
        "belgium,altLabel,bg,Кралство Белгия,op-x",
        "labels.csv:2: source: unknown reference 'op-x': no such id in sources.csv",
    ),
    "unknown reference to one of several tables": (
        "status_changes.csv",
        "european-ports-alliance-planned,european-ports-alliance,",
        "european-ports-alliance-planned,ports-alliance,",
        "status_changes.csv:2: subject: unknown reference 'ports-alliance': no such id in "
        "actions.csv or measures.csv or instruments.csv",
    ),
    "reference to none of several tables": (
        "status_changes.csv",
        "european-ports-alliance-planned,european-ports-alliance,",
        "european-ports-alliance-planned,cocaine,",
        "status_changes.csv:2: subject: 'cocaine' is an id in substances.csv, expected one in "
        "actions.csv or measures.csv or instruments.csv",
    ),
    "unknown reference": (
        "actions.csv",
        "darknet-monitoring,8,IT tool to monitor the darknet,roadmap,",
        "darknet-monitoring,8,IT tool to monitor the darknet,roadmap-2025,",
        "actions.csv:9: document: unknown reference 'roadmap-2025': no such id in documents.csv",
    ),
    "reference to the wrong kind": (
        "seizures.csv",
        SEIZURE,
        "rotterdam-2023-08,8 tonnes of cocaine seized in Rotterdam,2023-08,cocaine,netherlands",
        "seizures.csv:2: place: 'cocaine' is an id in substances.csv, expected one in places.csv",
    ),
    "duplicate identifier": (
        "pillars.csv",
        "crime-prevention,3,",
        "roadmap,3,",
        "pillars.csv:4: id: duplicate identifier 'roadmap' (first at {sources}/documents.csv:2)",
    ),
    "malformed identifier": (
        "substances.csv",
        "heroin,heroin",
        "Heroin,heroin",
        "substances.csv:4: id: not a valid id: 'Heroin' (lower-case words joined by '-')",
    ),
    "over-long identifier": (  # its site page crashed with ENAMETOOLONG
        "substances.csv",
        "heroin,heroin",
        "h" * 300 + ",heroin",
        "substances.csv:4: id: too long: 300 characters, over the limit of 100 (ids name the "
        "files of the site)",
    ),
    "unknown unit": (
        "seizures.csv",
        "cocaine,8,TONNE",
        "cocaine,8,TONNES",
        "seizures.csv:2: unit: unknown unit 'TONNES' (one of: CCY_EUR, KiloGM, MO, NUM, PERCENT, "
        "TONNE)",
    ),
    "value without unit": (
        "seizures.csv",
        "cocaine,8,TONNE",
        "cocaine,8,",
        "seizures.csv:2: unit: a value is given but no unit",
    ),
    "unknown class": (
        "documents.csv",
        "eu-drugs-action-plan,ActionPlan,",
        "eu-drugs-action-plan,Treaty,",
        "documents.csv:5: class: unknown class below rk:Publication: 'Treaty' "
        "(one of: ActionPlan, LegislativeProposal, PolicyDocument, Publication, Report, Roadmap, "
        "Strategy)",
    ),
    "unknown concept": (
        "status_changes.csv",
        "european-ports-alliance,Launched,",
        "european-ports-alliance,Opened,",
        "status_changes.csv:3: status: unknown value of rk:ImplementationStatusScheme: 'Opened' "
        "(one of: Delivered, Launched, Planned, Superseded)",
    ),
    "empty required value": (
        "seizures.csv",
        "2023-08,port-of-algeciras,",
        "2023-08,,",
        "seizures.csv:3: place: required value is empty",
    ),
    "unknown property": (
        "statements.csv",
        "rk:servesPillar,port-resilience",
        "rk:servesPilar,port-resilience",
        "statements.csv:19: property: unknown property 'rk:servesPilar' "
        "(not declared in the ontology)",
    ),
    "unknown reused property": (
        "statements.csv",
        "encrochat-arrests,skos:scopeNote,",
        "encrochat-arrests,skos:scopeNot,",
        "statements.csv:13: property: unknown property 'skos:scopeNot' "
        "(not declared in the ontology)",
    ),
    "a unit used as a property": (
        "statements.csv",
        "encrochat-arrests,skos:scopeNote,",
        "encrochat-arrests,unit:TONNE,",
        "statements.csv:13: property: unknown property 'unit:TONNE' (not declared in the ontology)",
    ),
    "label property": (
        "labels.csv",
        "belgium,altLabel,bg,",
        "belgium,hiddenLabel,bg,",
        "labels.csv:2: property: 'hiddenLabel' is not one of: prefLabel, altLabel",
    ),
    "label language": (
        "labels.csv",
        "belgium,altLabel,bg,",
        "belgium,altLabel,Bulgarian,",
        "labels.csv:2: language: not a language code: 'Bulgarian'",
    ),
    "unknown header column": (
        "places.csv",
        "id,class,label,country,source,source_text",
        "id,class,label,country,source,source_text,population",
        "places.csv:1: unknown column population "
        "(expected: id, class, label, country, source, source_text)",
    ),
    "missing header column": (
        "places.csv",
        "id,class,label,country,source,source_text",
        "id,class,label,source,source_text",
        "places.csv:1: missing column country "
        "(expected: id, class, label, country, source, source_text)",
    ),
    "unterminated quote": (
        "substances.csv",
        "heroin,heroin,",
        'heroin,"heroin,',
        "substances.csv:5: malformed CSV: unexpected end of data",
    ),
    "sanity bound, exact": (
        "pillars.csv",
        "crime-prevention,3,",
        "fifth-pillar,5,A fifth pillar,roadmap,,,factsheet-pillars,\ncrime-prevention,3,",
        "assertions.csv:5: sanity bound failed: 5 rk:Pillar, expected exactly 4",
    ),
    "repeated header column": (
        "places.csv",
        "id,class,label,country,source,source_text",
        "id,class,label,country,source,source_text,label",
        "places.csv:1: repeated column label "
        "(expected: id, class, label, country, source, source_text)",
    ),
    "not a boolean": (
        "key_figures.csv",
        "139000000000,CCY_EUR,true,year",
        "139000000000,CCY_EUR,yes,year",
        "key_figures.csv:2: estimate: not true or false: 'yes'",
    ),
    "unknown time unit": (
        "key_figures.csv",
        "139000000000,CCY_EUR,true,year",
        "139000000000,CCY_EUR,true,decade",
        "key_figures.csv:2: per: unknown time unit 'decade' (one of: year)",
    ),
    "unit without value": (
        "seizures.csv",
        "cocaine,8,TONNE",
        "cocaine,,TONNE",
        "seizures.csv:2: value: a unit is given but no value",
    ),
    "not a period": (
        "documents.csv",
        ",2021/2025,",
        ",2021-2025,",
        "documents.csv:3: period: not a period START/END: '2021-2025'",
    ),
    "period with a bad end": (
        "documents.csv",
        ",2021/2025,",
        ",2021/later,",
        "documents.csv:3: period: not a period START/END: '2021/later'",
    ),
    "impossible date": (
        "statements.csv",
        "dct:dateAccepted,2023-10-18,date",
        "dct:dateAccepted,2023-02-30,date",
        "statements.csv:4: object: not a date (YYYY, YYYY-MM or YYYY-MM-DD): '2023-02-30'",
    ),
    "month 13": (
        "seizures.csv",
        "seized in Rotterdam,2023-08,",
        "seized in Rotterdam,2023-13,",
        "seizures.csv:2: date: not a date (YYYY, YYYY-MM or YYYY-MM-DD): '2023-13'",
    ),
    "unknown statement datatype": (
        "statements.csv",
        "52023DC0641,string,",
        "52023DC0641,float,",
        "statements.csv:3: datatype: unknown datatype 'float' (empty for a reference, or one "
        "of: text, string, date, integer, decimal, boolean)",
    ),
    "empty statement object": (
        "statements.csv",
        "roadmap,rk:celex,52023DC0641,",
        "roadmap,rk:celex,,",
        "statements.csv:3: object: required value is empty",
    ),
    "statement source not a source": (
        "statements.csv",
        "52023DC0641,string,ref-roadmap-celex,",
        "52023DC0641,string,roadmap,",
        "statements.csv:3: source: 'roadmap' is an id in documents.csv, expected one in "
        "sources.csv",
    ),
    "duplicate statement": (
        "statements.csv",
        "roadmap,rk:celex,52023DC0641,string,ref-roadmap-celex,\n",
        "roadmap,rk:celex,52023DC0641,string,ref-roadmap-celex,\n"
        "roadmap,rk:celex,52023DC0641,string,factsheet,\n",
        "statements.csv:4: duplicate statement (first at {sources}/statements.csv:3)",
    ),
    "empty label": (
        "labels.csv",
        "belgium,altLabel,bg,Кралство Белгия,",
        "belgium,altLabel,bg,,",
        "labels.csv:2: label: required value is empty",
    ),
    "bound of an unknown class": (
        "assertions.csv",
        "Operation,8,",
        "Operatoin,8,",
        "assertions.csv:9: class: unknown class 'Operatoin'",
    ),
    "bound not an integer": (
        "assertions.csv",
        "Operation,8,",
        "Operation,8,many",
        "assertions.csv:9: max: not an integer: 'many'",
    ),
    "a bad row after a blank line and a quoted line break": (
        "substances.csv",
        "chemical drugs seized",
        'chemical drugs seized\nketamine,"ketamine\nor special K",factsheet-encrochat,x\n\nbad,row',
        "substances.csv:9: row has 2 fields, the header has 4",
    ),
    "two ids in a single reference": (
        "seizures.csv",
        "2023-08,,netherlands",
        "2023-08,rotterdam antwerp,netherlands",
        "seizures.csv:2: place: unknown reference 'rotterdam antwerp': no such id in places.csv",
    ),
    "unknown label subject": (
        "labels.csv",
        "belgium,altLabel,bg,",
        "belgum,altLabel,bg,",
        "labels.csv:2: subject: unknown reference 'belgum': no such id in any source table",
    ),
    "unknown reference in a list": (
        "events.csv",
        "europol eurojust,factsheet-encrochat",
        "europol eurojst,factsheet-encrochat",
        "events.csv:2: supported_by: unknown reference 'eurojst': no such id in actors.csv",
    ),
    "sanity bound, maximum": (
        "assertions.csv",
        "Seizure,17,",
        "Seizure,,16",
        "assertions.csv:8: sanity bound failed: 17 rk:Seizure, expected at most 16",
    ),
    "sanity bound, minimum": (
        "assertions.csv",
        "Operation,8,",
        "Operation,9,",
        "assertions.csv:9: sanity bound failed: 8 rk:Operation, expected at least 9",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_source_error_names_file_line_and_field(case, sources, output, capsys):
    filename, old, new, message = CASES[case]
    edit(sources / filename, old, new)
    code, err = build_fails(sources, output, capsys)
    assert code == 2
    assert err == f"roadmapkg build: {sources}/{message.format(sources=sources)}"


LONG_FIELD = "x" * 131073


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("heroin,heroin,", f"heroin,heroin,{LONG_FIELD}"),  # one cell too long
        ("heroin,heroin,", 'heroin,"heroin,\n' + f"x,{LONG_FIELD}\n" * 2),  # an unclosed quote
    ],
    ids=["long cell", "unclosed quote in a long file"],
)
def test_csv_field_over_the_limit_is_named_as_such(old, new, sources, output, capsys):
    edit(sources / "substances.csv", old, new)
    code, err = build_fails(sources, output, capsys)
    assert (code, err) == (
        2,
        f"roadmapkg build: {sources}/substances.csv:4: a field longer than 131072 characters, "
        "the limit of a cell (an unclosed quote can make the rest of the file one field)",
    )


def test_years_at_the_bounds_are_accepted(sources, output, capsys):
    edit(sources / "documents.csv", "2021-2025,,,2021/2025,", "2021-2025,,,1900/2100-12-31,")
    assert main(["build", "--sources", str(sources), "--output", str(output)]) == 0


def test_missing_source_file(sources, output, capsys):
    (sources / "results.csv").unlink()
    code, err = build_fails(sources, output, capsys)
    assert (code, err) == (2, f"roadmapkg build: {sources}/results.csv: file not found")


def test_qc_violation_names_the_source_row(sources, output, capsys):
    edit(sources / "seizures.csv", "2023-08,,netherlands", "2023-08,,spain")
    code, err = build_fails(sources, output, capsys)
    assert code == 1
    assert err.splitlines()[0] == (
        f"roadmapkg build: {sources}/seizures.csv:2: Violation: 8 tonnes of cocaine seized in "
        "Rotterdam <https://w3id.org/roadmapkg/id/seizure/rotterdam-2023-08>: rk:country: "
        "The seizure's country is not the country of its place (place/netherlands)."
    )


def test_shacl_violation_from_sources_writes_nothing(sources, output, capsys):
    edit(sources / "seizures.csv", "cocaine,8,TONNE", "cocaine,-8,TONNE")
    code, err = build_fails(sources, output, capsys)
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == (
        f"roadmapkg build: {sources}/seizures.csv:2: Violation: -8 tonne <https://w3id.org/"
        "roadmapkg/id/seizure/rotterdam-2023-08/quantity>: qudt:numericValue: "
        "A quantity is not negative."
    )
    assert (
        f"{sources}/documents.csv:5: "
        + (
            "Warning: EU Drugs Action Plan 2021-2025 <https://w3id.org/roadmapkg/id/document/"
            "eu-drugs-action-plan>: rk:celex: Recommended: the CELEX number of the policy "
            "document, so it links to EUR-Lex."
        )
        in lines[1:-1]
    )
    # the four policy documents without a CELEX number: the 2021-2025 and 2026-2030 plans,
    # the 2026-2030 strategy and ProtectEU
    assert all(": rk:celex: Recommended:" in line for line in lines[1:-1])
    assert lines[-1] == "Does not conform: 1 violation(s), 4 warning(s)."


def test_labels_differing_only_in_non_ascii_letters_are_distinct(sources):
    """Regression: statement keys once kept ASCII letters only, so two Greek labels collided."""
    with (sources / "labels.csv").open("a", encoding="utf-8") as handle:
        handle.write("belgium,altLabel,el,Βέλγιο ένα,op-country-table\n")
        handle.write("belgium,altLabel,el,Βέλγιο δύο,op-country-table\n")
    from roadmapkg import build_graph

    graph = build_graph(sources)
    names = {str(o) for o in graph.objects(None, None) if getattr(o, "language", None) == "el"}
    assert {"Βέλγιο ένα", "Βέλγιο δύο"} <= names


def test_a_bound_with_neither_min_nor_max_passes(sources, output, capsys):
    edit(sources / "assertions.csv", "Operation,8,", "Operation,,")
    assert main(["build", "--sources", str(sources), "--output", str(output)]) == 0


def test_build_with_the_pyshacl_engine_writes_the_committed_graph(tmp_path, capsys):
    """Regression: its temporary N-Triples file had no suffix, so pySHACL's loader refused it."""
    out = tmp_path / "roadmap.ttl"
    assert main(["build", "--engine", "pyshacl", "--output", str(out)]) == 0
    assert out.read_bytes() == paths.GRAPH.read_bytes()
    assert capsys.readouterr().out.startswith("Built ")


def test_build_with_the_pyshacl_engine_names_the_violating_row(sources, output, capsys):
    edit(sources / "seizures.csv", "cocaine,8,TONNE", "cocaine,-8,TONNE")
    before = {p.name: p.read_bytes() for p in output.parent.iterdir()}
    code = main(
        ["build", "--engine", "pyshacl", "--sources", str(sources), "--output", str(output)]
    )
    assert {p.name: p.read_bytes() for p in output.parent.iterdir()} == before
    assert code == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"roadmapkg build: {sources}/seizures.csv:2: Violation: -8 tonne <https://w3id.org/"
        "roadmapkg/id/seizure/rotterdam-2023-08/quantity>: qudt:numericValue: "
        "A quantity is not negative."
    )


@pytest.mark.parametrize("mark, called", [(";", "semicolons"), ("\t", "tabs")])
def test_a_file_saved_with_another_separator_says_so(mark, called, sources, output, capsys):
    """Regression: a CSV saved with semicolons only said its columns were missing."""
    places = sources / "places.csv"
    places.write_text(places.read_text(encoding="utf-8").replace(",", mark), encoding="utf-8")
    code, err = build_fails(sources, output, capsys)
    assert code == 2
    assert err == (
        f"roadmapkg build: {sources}/places.csv:1: missing column id, class, label, country, "
        "source, source_text (expected: id, class, label, country, source, source_text); "
        f"the header is separated by {called}: save the file with commas"
    )


def test_a_row_with_a_blank_id_is_an_error_naming_file_line_and_field(sources, output, capsys):
    """Mutant killed: a CSV row with a blank id silently skipped."""
    edit(sources / "seizures.csv", "rotterdam-2023-08,8 tonnes", ",8 tonnes")
    code, err = build_fails(sources, output, capsys)
    assert code == 2
    assert err == (
        f"roadmapkg build: {sources}/seizures.csv:2: id: "
        "not a valid id: '' (lower-case words joined by '-')"
    )


def test_an_at_most_bound_equal_to_the_count_passes(sources, output, capsys):
    edit(sources / "assertions.csv", "Seizure,17,", "Seizure,,17")
    assert main(["build", "--sources", str(sources), "--output", str(output)]) == 0


def test_date_types_of_years_months_and_days():
    from roadmapkg.rdf.literals import date_type, parse_date

    assert [date_type(d) for d in ("2023", "2023-08", "2023-08-31", "2024-02-29")] == [
        "gYear", "gYearMonth", "date", "date",
    ]  # fmt: skip
    for wrong in ("23", "2023-00", "2023-13", "2023-8", "2023-02-30", "2023-08-1", "x2023"):
        assert date_type(wrong) is None, wrong
    assert parse_date("2023-08").n3() == '"2023-08"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    assert parse_date("August") is None


def test_decimals_are_written_with_a_decimal_point():
    from roadmapkg.rdf.literals import canonical_decimal, decimal_literal

    assert [canonical_decimal(v) for v in ("8", "-8", "9.5")] == ["8.0", "-8.0", "9.5"]
    assert decimal_literal("8").n3() == '"8.0"^^<http://www.w3.org/2001/XMLSchema#decimal>'


def test_cell_values_become_typed_literals():
    from roadmapkg.build.checks import Checker
    from roadmapkg.build.schema import SourceRow
    from roadmapkg.build.values import Period

    checker, row = Checker(), SourceRow("t", "t.csv", 2, {})
    xsd = "^^<http://www.w3.org/2001/XMLSchema#"
    assert checker.literal("text", "Rotterdam", row, "c") == '"Rotterdam"@en'
    assert checker.literal("string", "COM(2023) 641", row, "c") == '"COM(2023) 641"'
    assert checker.literal("integer", "007", row, "c") == f'"7"{xsd}integer>'
    assert checker.literal("integer", "-3", row, "c") == f'"-3"{xsd}integer>'
    assert checker.literal("decimal", "-1.50", row, "c") == f'"-1.50"{xsd}decimal>'
    assert checker.literal("boolean", "false", row, "c") == f'"false"{xsd}boolean>'
    assert checker.literal("date", "2023", row, "c") == f'"2023"{xsd}gYear>'
    assert checker.literal("period", "2021/2025-06", row, "c") == Period(
        f'"2021"{xsd}gYear>', f'"2025-06"{xsd}gYearMonth>', "2021/2025-06"
    )
    assert Period("a", "b", "2021/2025").key == "2021--2025"
    for kind, raw, message in (
        ("integer", "1.5", "t.csv:2: c: not an integer: '1.5'"),
        ("decimal", "1.", "t.csv:2: c: not a number: '1.'"),
        ("decimal", "1,5", "t.csv:2: c: not a number: '1,5'"),
        ("boolean", "True", "t.csv:2: c: not true or false: 'True'"),
    ):
        with pytest.raises(SourceError) as error:
            checker.literal(kind, raw, row, "c")
        assert str(error.value) == message


def test_value_keys_are_a_slug_and_a_hash_of_the_whole_text():
    import hashlib

    from roadmapkg.build.checks import value_key

    def digest(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]

    assert value_key("COM(2023) 641 final") == f"com-2023-641-final-{digest('COM(2023) 641 final')}"
    assert value_key("Ευρώπη") == digest("Ευρώπη")
    long = "a" * 50
    assert value_key(long) == f"{'a' * 40}-{digest(long)}"


def test_entities_answer_by_iri_with_their_row(sources):
    from roadmapkg.build.sources import read_sources

    entities = read_sources(sources).entities
    folder = paths.display(sources)
    assert entities.row("https://w3id.org/roadmapkg/id/seizure/rotterdam-2023-08") == (
        f"{folder}/seizures.csv:2"
    )
    assert entities.row("https://w3id.org/roadmapkg/id/place/rotterdam-2023-08") is None
    assert entities.row("https://example.org/id/seizure/rotterdam-2023-08") is None
    assert entities.row("https://w3id.org/roadmapkg/id/seizure/nowhere") is None
    assert entities.row("seizure/rotterdam-2023-08") is None  # not an IRI of the graph
    assert "https://w3id.org/roadmapkg/id/actor/europol" in entities
    assert "https://w3id.org/roadmapkg/id/actor/nobody" not in entities
    assert 42 not in entities


def test_a_source_that_is_not_utf8_is_named(sources, output, capsys):
    (sources / "substances.csv").write_bytes(b"id,label,source,source_text\n\xffcocaine,,,\n")
    code, err = build_fails(sources, output, capsys)
    assert (code, err) == (2, f"roadmapkg build: {sources}/substances.csv: not UTF-8 text")


def test_header_names_may_be_padded_and_optional_columns_left_out(sources):
    from roadmapkg.build.sources import read_csv

    path = sources / "x.csv"
    path.write_text("\ufeff id , label \n a , b \n,\n", encoding="utf-8")
    rows = list(read_csv(path, ("id", "label", "note"), optional=("note",)))
    assert [(r.line, r.values) for r in rows] == [(2, {"id": "a", "label": "b", "note": ""})]


def test_every_table_kind_is_an_iri_kind_of_the_namespaces():
    """`rdf.namespaces.KINDS` (the kinds of entity IRIs, bound as prefixes) states what the
    tables declare, plus the derived period and statement nodes: the two stay in step."""
    from roadmapkg.build.schema import TABLES
    from roadmapkg.rdf.namespaces import KINDS

    assert set(KINDS) == {t.kind for t in TABLES} | {"period", "statement"}
    assert list(KINDS) == sorted(KINDS)


def test_a_row_that_stops_before_optional_columns_reads_them_as_empty(sources, output, capsys):
    """A row written before the optional columns at the end of seizures.csv's header existed
    (the README's worked example) still builds; a row short of a required column does not."""
    with (sources / "seizures.csv").open("a", encoding="utf-8") as handle:
        handle.write(NEW_ROW)
    assert main(["build", "--sources", str(sources), "--output", str(output)]) == 0
    edit(sources / "seizures.csv", NEW_ROW, NEW_ROW.replace(',"1.2 tonnes', ""))
    code, err = build_fails(sources, output, capsys)
    last = len((sources / "seizures.csv").read_text(encoding="utf-8").splitlines())
    assert (code, err) == (
        2,
        f"roadmapkg build: {sources}/seizures.csv:{last}: row has 9 fields, the header has 15",
    )


NEW_ROW = (
    "algeciras-2024-03,1.2 tonnes of cocaine seized in the port of Algeciras,2024-03,"
    'port-of-algeciras,spain,cocaine,1.2,TONNE,factsheet-seizures,"1.2 tonnes"\n'
)
