"""Link discovery: candidates from label matching against the real authority tables, measured
against the verified links (hidden from the matcher), reviewed and applied."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from rdflib.namespace import OWL

from helpers.outside import shared_file
from roadmapkg import paths
from roadmapkg.build.mappings import read_sssom
from roadmapkg.cli.app import main
from roadmapkg.links.matching import acronym, normalise, precision_recall, suggest
from roadmapkg.rdf.load import load_graph

TABLES = {"corporate-body": "corporate-body", "country": "country-20221214"}


def table(scheme: str):
    return load_graph([shared_file("reference", "eu-authority-tables", f"{TABLES[scheme]}.rdf")])


def test_normalise_and_acronym():
    assert normalise("The  Commission européenne!") == "commission europeenne"
    assert acronym("European Border and Coast Guard Agency") == "ebcga"
    assert acronym("Europol") == ""


@pytest.mark.parametrize("scheme", TABLES)
def test_precision_and_recall_against_the_hidden_verified_links(scheme, graph, capsys):
    authority = table(scheme)
    candidates = suggest(graph, authority, scheme, include_linked=True)
    precision, recall, truth = precision_recall(graph, authority, candidates)
    with capsys.disabled():
        print(f"\n{scheme}: precision {precision:.2f}, recall {recall:.2f} over {truth} links")
    assert truth >= 3
    assert precision >= 0.95 and recall >= 0.9


def test_entities_already_linked_get_no_candidates(graph):
    found = suggest(graph, table("country"), "country")
    linked = {s for s, o in graph.subject_objects(OWL.sameAs) if "/authority/country/" in str(o)}
    assert len(linked) == 5  # the Netherlands, Spain, France, Belgium, the European Union
    assert found and not {c.subject for c in found} & linked
    # the countries of the reference operations, which no verified row links yet
    germany = [c for c in found if str(c.subject).endswith("/place/germany")]
    assert str(germany[0].object).endswith("/country/DEU") and germany[0].score == 1.0


def test_precision_leaves_out_entities_without_a_link(graph):
    """A right-looking candidate for an entity no reference has linked is not counted wrong."""
    authority = table("country")
    candidates = suggest(graph, authority, "country", include_linked=True)
    assert any(str(c.subject).endswith("/place/germany") for c in candidates)
    assert precision_recall(graph, authority, candidates) == (1.0, 1.0, 5)


def test_suggest_writes_a_review_file(tmp_path, capsys):
    review = tmp_path / "review.csv"
    target = str(shared_file("reference", "eu-authority-tables", "corporate-body.rdf"))
    args = ["links", "suggest", "--target", target, "--scheme", "corporate-body"]
    assert main([*args, "--include-linked", "-o", str(review)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Wrote 5 candidate(s) for 5 entities to {review}",
        "Against the 5 existing links (score >= 0.85): precision 1.00, recall 1.00",
    ]
    rows = list(csv.DictReader(review.open(encoding="utf-8")))
    assert [(r["subject_id"], r["object_id"], r["score"]) for r in rows] == [
        ("actor:council-of-the-eu", "corporate-body:CONSIL", "1.000"),
        ("actor:emcdda", "corporate-body:EMCDDA", "1.000"),
        ("actor:eurojust", "corporate-body:EUROJUST", "1.000"),
        ("actor:european-commission", "corporate-body:COM", "1.000"),
        ("actor:europol", "corporate-body:EUROPOL", "1.000"),
    ]
    assert rows[4]["evidence"] == '"Europol" ~ skos:prefLabel@en "Europol"'


def test_suggest_finds_a_body_by_its_other_names(tmp_path):
    """An entity known only by its French name is still found."""
    graph = tmp_path / "one.ttl"
    graph.write_text(
        "@prefix rk: <https://w3id.org/roadmapkg/ontology#> .\n"
        "<https://w3id.org/roadmapkg/id/actor/police-office> a rk:EUAgency ;\n"
        '  <http://www.w3.org/2000/01/rdf-schema#label> "Office européen de police"@fr .\n',
        encoding="utf-8",
    )
    found = suggest(load_graph([graph]), table("corporate-body"), "corporate-body")
    assert [(str(c.object).rsplit("/", 1)[-1], c.score) for c in found[:1]] == [("EUROPOL", 0.855)]


@pytest.fixture
def mappings(tmp_path: Path) -> Path:
    target = tmp_path / "mappings"
    shutil.copytree(paths.MAPPINGS, target)
    return target / "roadmapkg.sssom.tsv"


def write_review(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "subject_id",
                "subject_label",
                "object_id",
                "object_label",
                "score",
                "evidence",
                "decision",
            ]
        )
        writer.writerows(rows)


def test_apply_adds_accepted_rows_only(mappings, tmp_path, capsys):
    review = tmp_path / "review.csv"
    write_review(
        review,
        [
            ["actor:dutch-authorities", "Dutch", "corporate-body:X1", "X", "0.9", "e", "accept"],
            ["actor:french-authorities", "French", "corporate-body:X2", "Y", "0.9", "e", "reject"],
            ["actor:europol", "Europol", "corporate-body:EUROPOL", "Europol", "1.0", "e", "accept"],
        ],
    )
    before = len(read_sssom(mappings)[1])
    assert main(["links", "apply", str(review), "--mappings", str(mappings)]) == 0
    assert capsys.readouterr().out.startswith(f"Added 1 accepted mapping(s) to {mappings}")
    _, rows = read_sssom(mappings)
    assert len(rows) == before + 1
    added = rows[-1][1]
    assert (added["subject_id"], added["predicate_id"], added["object_id"]) == (
        "actor:dutch-authorities", "owl:sameAs", "corporate-body:X1",
    )  # fmt: skip
    assert added["mapping_justification"] == "semapv:LexicalMatching"


def test_apply_refuses_an_unknown_decision(mappings, tmp_path, capsys):
    review = tmp_path / "review.csv"
    write_review(
        review, [["actor:europol", "Europol", "corporate-body:EUROPOL", "E", "1", "e", "yes"]]
    )
    assert main(["links", "apply", str(review), "--mappings", str(mappings)]) == 2
    assert capsys.readouterr().err == (
        f"roadmapkg links: {review}:2: decision: 'yes' is not accept or reject\n"
    )
