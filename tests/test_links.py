"""Links to EU open-data graphs: only verified identifiers are published, every link into an
authority table exists there and is not deprecated, and the VoID linksets count right."""

from __future__ import annotations

import csv
import shutil
import urllib.request
from pathlib import Path

import pytest

from conftest import select, shared_file
from roadmapkg import paths
from roadmapkg.build import build_graph
from roadmapkg.cli import main
from roadmapkg.errors import SourceError
from roadmapkg.validate import load_graph
from servers import oxigraph_server  # noqa: F401 (fixture)

ID = "https://w3id.org/roadmapkg/id/"
# links.tsv rows (by their entity column) that name an entity of the graph, and which one
APPLICABLE = {
    "Europol": "actor/europol",
    "Eurojust": "actor/eurojust",
    "European Commission": "actor/european-commission",
    "Netherlands": "place/netherlands",
    "Spain": "place/spain",
    "France": "place/france",
    "Belgium": "place/belgium",
    "European Union": "place/european-union",
    "Latin America": "place/latin-america",
    "West Africa": "place/west-africa",
    "Caribbean (Caribbean Islands)": "place/caribbean",
    "Caribbean": "place/caribbean",
    "Schengen Information System": "instrument/schengen-information-system",
    "Rotterdam": "place/rotterdam",
    "cocaine": "substance/cocaine",
    "cannabis (drug)": "substance/cannabis",
    "psychotropic substance (synthetic/chemical drugs)": "substance/chemical-drugs",
}
# rows for things the graph does not model (other EU bodies, topics, regions around the ports)
NOT_MODELLED = {
    "Council of the European Union",
    "European Parliament",
    "EMCDDA (now EUDA)",
    "EMCDDA",
    "EMCDDA / EU Drugs Agency",
    "Frontex",
    "European Union (as corporate body)",
    "drug traffic(king)",
    "organised crime",
    "narcotic / drug",
    "customs",
    "customs cooperation",
    "customs inspection",
    "money laundering",
    "police cooperation (law enforcement cooperation)",
    "EU police cooperation",
    "judicial cooperation in criminal matters in the EU",
    "fight against crime",
    "crime",
    "drug addiction",
    "drug policy",
    "port",
    "port traffic",
    "South Holland (Rotterdam region)",
    "Andalusia (Algeciras region)",
    "MDMA / ecstasy",
    "illegal drug trade (drug trafficking)",
    "confiscation of property",
    "corruption",
    "port (closest: harbour installation)",
    "port administration",
}
LINKS = """SELECT ?s ?o WHERE {
  VALUES ?p { owl:sameAs skos:exactMatch skos:closeMatch } ?s ?p ?o }"""


def reference_rows() -> list[dict[str, str]]:
    with shared_file("reference", "links.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_every_applicable_verified_row_is_published(graph):
    published = set(select(graph, LINKS))
    for row in reference_rows():
        iri = row["iri_or_id"]
        if row["status"] != "verified" or not iri.startswith("http"):
            continue
        assert row["entity"] in APPLICABLE or row["entity"] in NOT_MODELLED, (
            f"links.tsv row {row['entity']!r} is neither linked nor known to be out of scope"
        )
        if row["entity"] in APPLICABLE:
            assert (ID + APPLICABLE[row["entity"]], iri) in published, row["entity"]


def test_every_published_link_is_verified_and_no_candidate_is(graph):
    rows = reference_rows()
    verified = {r["iri_or_id"] for r in rows if r["status"] == "verified"}
    for _, target in select(graph, LINKS):
        assert target in verified, f"{target} is not a verified reference row"
    text = "\n".join(
        paths.GRAPH.with_suffix(s).read_text(encoding="utf-8") for s in (".ttl", ".nt", ".jsonld")
    )
    for row in rows:
        if row["status"] == "unverified":
            for candidate in row["iri_or_id"].replace(" or ", " ").split():
                if candidate.startswith("http") or candidate.startswith("5202"):
                    assert candidate not in text, f"unverified {candidate} is published"


def test_identifiers_are_verified_rows(graph):
    rows = {(r["scheme"], r["iri_or_id"]) for r in reference_rows() if r["status"] == "verified"}
    for (celex,) in select(graph, "SELECT ?c WHERE { ?d rk:celex ?c }"):
        assert ("CELEX", celex) in rows
    for (code,) in select(graph, "SELECT ?c WHERE { ?p rk:unLocode ?c }"):
        assert ("UN/LOCODE", code) in rows


def test_linksets_count_their_links(graph):
    rows = select(
        graph,
        """SELECT ?linkset ?declared (COUNT(?s) AS ?found) WHERE {
             ?linkset a void:Linkset ; void:triples ?declared ; void:linkPredicate ?p ;
               void:objectsTarget/void:uriSpace ?space .
             ?s ?p ?o . FILTER(STRSTARTS(STR(?o), ?space))
           } GROUP BY ?linkset ?declared""",
    )
    assert len(rows) == 7
    assert all(declared == found for _, declared, found in rows)
    assert sum(int(found) for _, _, found in rows) == 35


def test_links_file_holds_the_links_alone(graph):
    links = load_graph([paths.LINKS])
    assert set(links) <= set(graph)
    assert len(select(links, LINKS)) == 35


# ------------------------------------------------------------------ links check


def tables(*names: str) -> list[str]:
    args = []
    for name in names:
        args += ["--target", str(shared_file("reference", "eu-authority-tables", f"{name}.rdf"))]
    return args


def test_links_check_passes_on_the_current_tables(capsys):
    assert main(["links", "check", *tables("corporate-body", "country-20221214")]) == 0
    assert capsys.readouterr().out == "Checked 8 links: 0 problem(s).\n"


def test_links_check_finds_a_target_missing_from_an_older_table(capsys):
    assert main(["links", "check", *tables("country-2016")]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "place:european-union owl:sameAs <http://publications.europa.eu/resource/authority/"
        "country/EUR>: not in the authority table",
        "Checked 5 links: 1 problem(s).",
    ]


def test_links_check_finds_a_deprecated_target(tmp_path, capsys):
    graph = tmp_path / "old.ttl"
    graph.write_text(
        "<https://w3id.org/roadmapkg/id/actor/ecsc> <http://www.w3.org/2002/07/owl#sameAs> "
        "<http://publications.europa.eu/resource/authority/corporate-body/ECSC> .\n"
    )
    assert main(["links", "check", "--data", str(graph), *tables("corporate-body")]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "actor:ecsc owl:sameAs <http://publications.europa.eu/"
        "resource/authority/corporate-body/ECSC>: deprecated in the authority table",
        "Checked 1 links: 1 problem(s).",
    ]


def test_links_check_against_an_endpoint(oxigraph_server, tmp_path, capsys):  # noqa: F811
    table = load_graph([shared_file("reference", "eu-authority-tables", "country-20221214.rdf")])
    body = table.serialize(format="nt", encoding="utf-8")
    base = oxigraph_server.store
    request = urllib.request.Request(
        f"{base}?default",
        data=body,
        method="PUT",
        headers={"Content-Type": "application/n-triples"},
    )
    urllib.request.urlopen(request).close()
    try:
        assert main(["links", "check", "--target", oxigraph_server.query]) == 0
        assert capsys.readouterr().out == "Checked 5 links: 0 problem(s).\n"
    finally:
        clear = urllib.request.Request(f"{base}?default", method="DELETE")
        urllib.request.urlopen(clear).close()


# ------------------------------------------------------------------ mapping errors


@pytest.fixture
def mappings(tmp_path: Path) -> Path:
    target = tmp_path / "mappings"
    shutil.copytree(paths.MAPPINGS, target)
    return target


EUROPOL_ROW = "actor:europol\tEuropol\towl:sameAs\tcorporate-body:EUROPOL"
MAPPING_ERRORS = {
    "unknown subject": (
        EUROPOL_ROW.replace("actor:europol", "actor:europool"),
        "roadmapkg.sssom.tsv:18: subject_id: unknown entity 'actor:europool'",
    ),
    "unknown predicate": (
        EUROPOL_ROW.replace("owl:sameAs", "skos:related"),
        "roadmapkg.sssom.tsv:18: predicate_id: 'skos:related' is not one of: "
        "owl:sameAs, skos:exactMatch, skos:closeMatch",
    ),
    "unknown target": (
        EUROPOL_ROW.replace("corporate-body:", "foo:"),
        "roadmapkg.sssom.tsv:18: object_id: 'foo:EUROPOL' is in no known target dataset",
    ),
}


@pytest.mark.parametrize("case", MAPPING_ERRORS)
def test_mapping_errors_name_file_line_and_field(mappings, case):
    new, message = MAPPING_ERRORS[case]
    path = mappings / "roadmapkg.sssom.tsv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(EUROPOL_ROW, new, 1), encoding="utf-8")
    with pytest.raises(SourceError) as error:
        build_graph(paths.SOURCES, mappings)
    assert str(error.value) == f"{mappings}/{message}"


def replace_metadata(path: Path, block: str) -> None:
    """The SSSOM file with its '#' metadata lines replaced by `block`."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(block + "".join(x for x in lines if not x.startswith("#")), encoding="utf-8")


BROKEN_MAPPINGS = {
    "sssom_with_a_non_utf8_byte": (
        lambda m: (m / "roadmapkg.sssom.tsv").write_bytes(
            (m / "roadmapkg.sssom.tsv").read_bytes().replace(b"Europol\t", b"Europ\xf6l\t", 1)
        ),
        "roadmapkg.sssom.tsv:18: not UTF-8 text",
    ),
    "sssom_metadata_that_is_a_yaml_list": (
        lambda m: replace_metadata(m / "roadmapkg.sssom.tsv", "# - a\n# - b\n"),
        "roadmapkg.sssom.tsv:1: the '#' metadata block is not a YAML mapping (key: value)",
    ),
    "sssom_metadata_that_is_not_yaml": (
        lambda m: replace_metadata(m / "roadmapkg.sssom.tsv", "# curie_map: [\n#   a: b\n"),
        "roadmapkg.sssom.tsv:2: the '#' metadata block is not YAML: "
        "expected ',' or ']', but got '<stream end>'",
    ),
    "sssom_curie_map_that_is_a_list": (
        lambda m: replace_metadata(m / "roadmapkg.sssom.tsv", "# curie_map: [a, b]\n"),
        "roadmapkg.sssom.tsv:1: curie_map: not a mapping of prefixes to IRIs",
    ),
    "sssom_object_iri_with_a_space": (
        lambda m: (m / "roadmapkg.sssom.tsv").write_text(
            (m / "roadmapkg.sssom.tsv").read_text(encoding="utf-8").replace(
                "corporate-body:EUROPOL", "corporate-body:EURO POL", 1
            ), encoding="utf-8",
        ),
        "roadmapkg.sssom.tsv:18: object_id: 'corporate-body:EURO POL' expands to "
        "'http://publications.europa.eu/resource/authority/corporate-body/EURO POL', not an IRI "
        "(a space or one of <>\"{}|^`\\ in it)",
    ),
    "sssom_object_iri_with_a_greater_than_sign": (
        lambda m: (m / "roadmapkg.sssom.tsv").write_text(
            (m / "roadmapkg.sssom.tsv").read_text(encoding="utf-8").replace(
                "corporate-body:EUROPOL", "corporate-body:EURO>POL", 1
            ), encoding="utf-8",
        ),
        "roadmapkg.sssom.tsv:18: object_id: 'corporate-body:EURO>POL' expands to "
        "'http://publications.europa.eu/resource/authority/corporate-body/EURO>POL', not an IRI "
        "(a space or one of <>\"{}|^`\\ in it)",
    ),
    "targets_csv_missing": (
        lambda m: (m / "targets.csv").unlink(),
        "targets.csv: file not found",
    ),
    "targets_csv_with_a_wrong_header": (
        lambda m: (m / "targets.csv").write_text("key,label\nwikidata,Wikidata\n"),
        "targets.csv:1: missing column id, uri_space, concept_scheme, source "
        "(expected: id, label, uri_space, concept_scheme, source)",
    ),
    "targets_csv_not_utf8": (
        lambda m: (m / "targets.csv").write_bytes(
            (m / "targets.csv").read_bytes().replace(b"EuroVoc", b"EuroV\xf6c")
        ),
        "targets.csv: not UTF-8 text",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", BROKEN_MAPPINGS)
def test_broken_mappings_are_one_line_source_errors(mappings, case):
    """Each of these raised a Python error (UnicodeDecodeError, AttributeError, ValueError,
    FileNotFoundError, KeyError) that `roadmapkg build` showed as a traceback with exit 1; the
    YAML error took eight lines."""
    breaks, message = BROKEN_MAPPINGS[case]
    breaks(mappings)
    with pytest.raises(SourceError) as error:
        build_graph(paths.SOURCES, mappings)
    assert str(error.value) == f"{mappings}/{message}"


def test_links_apply_on_broken_sssom_is_one_line_exit_2(mappings, tmp_path, capsys):
    """`links apply` reads the same SSSOM file: one line, exit 2, not a traceback."""
    BROKEN_MAPPINGS["sssom_metadata_that_is_a_yaml_list"][0](mappings)
    review = tmp_path / "review.csv"
    review.write_text("subject_id\n")
    assert (
        main(["links", "apply", str(review), "--mappings", str(mappings / "roadmapkg.sssom.tsv")])
        == 2
    )
    assert capsys.readouterr().err == (
        f"roadmapkg links: {mappings}/roadmapkg.sssom.tsv:1: the '#' metadata block is not a "
        "YAML mapping (key: value)\n"
    )


# ------------------------------------------------------------------ multilingual labels


def test_committed_labels_are_what_enrich_copies(tmp_path, capsys):
    labels = tmp_path / "labels.csv"
    labels.write_text("subject,property,language,label,source\n", encoding="utf-8")
    assert (
        main(
            [
                "links",
                "enrich",
                "--labels",
                str(labels),
                *tables("corporate-body", "country-20221214"),
            ]
        )
        == 0
    )
    assert labels.read_bytes() == (paths.SOURCES / "labels.csv").read_bytes()
    assert capsys.readouterr().out.startswith("Copied 362 labels into ")


def test_names_in_other_languages_carry_the_table_as_source(graph):
    rows = select(
        graph,
        """SELECT ?name ?source WHERE {
             ?st rdf:subject <https://w3id.org/roadmapkg/id/actor/european-commission> ;
                 rdf:predicate skos:prefLabel ; rdf:object ?name ; dct:source ?source .
             FILTER(LANG(?name) IN ("fr", "de")) }""",
    )
    assert sorted(rows) == [
        ("Commission européenne", ID + "source/op-corporate-body-table"),
        ("Europäische Kommission", ID + "source/op-corporate-body-table"),
    ]


def test_lang_option(capsys):
    assert main(["query", "entity-labels", "--lang", "nl", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert "Netherlands,Nederland,https://w3id.org/roadmapkg/id/place/netherlands" in rows
    assert main(["query", "pillars", "--lang", "nl"]) == 2
    assert capsys.readouterr().err == (
        "roadmapkg query: pillars has no lang parameter: --lang does not apply\n"
    )


@pytest.fixture
def table_server():
    """The shared authority tables served over HTTP on 127.0.0.1, as the EU Publications Office
    serves its downloads."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output quiet
            pass

    folder = shared_file("reference", "eu-authority-tables")
    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_links_check_downloads_a_table_given_by_url(table_server, capsys):
    """Regression: a table's URL was taken for a SPARQL endpoint; only local files worked."""
    targets = [f"{table_server}/corporate-body.rdf", f"{table_server}/country-20221214.rdf"]
    assert main(["links", "check", *(a for t in targets for a in ("--target", t))]) == 0
    assert capsys.readouterr().out == "Checked 8 links: 0 problem(s).\n"
    assert main(["links", "check", "--target", f"{table_server}/country-2016.rdf"]) == 1
    assert "EUR>: not in the authority table" in capsys.readouterr().out


def test_links_check_names_a_table_url_that_is_missing(table_server, capsys):
    assert main(["links", "check", "--target", f"{table_server}/no-such-table.rdf"]) == 3
    assert capsys.readouterr().err == (
        f"roadmapkg links: {table_server}/no-such-table.rdf: HTTP 404 File not found: no such "
        "endpoint at this path (check the URL)\n"
    )
