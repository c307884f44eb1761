"""Input files trigger no network access and no entity expansion: a JSON-LD context named by
IRI (pointed at a listener on 127.0.0.1) is refused without a request, and an RDF/XML entity
bomb is refused before a parser expands it, in every command that reads RDF files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.listener import listener  # noqa: F401 (fixture)
from roadmapkg.cli.app import main
from roadmapkg.rdf.load import load_graph

ABOUT = {
    "@id": "https://w3id.org/roadmapkg/id/x",
    "http://www.w3.org/2000/01/rdf-schema#label": "x",
}

BOMB = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
<!ENTITY a0 "lol">
{entities}
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <rdf:Description rdf:about="https://w3id.org/roadmapkg/id/x"><rdfs:label>&a9;</rdfs:label>
  </rdf:Description>
</rdf:RDF>
""".replace("{entities}", "\n".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)))


def commands(file: Path, out: Path) -> list[list[str]]:
    """The three commands the trial attacked, each reading `file`."""
    return [
        ["summary", str(file)],
        ["query", "pillars", "--engine", "rdflib", "--data", str(file)],
        ["site", "--data", str(file), "--output", str(out)],
    ]


def refused(argv: list[str], capsys) -> str:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1, captured.err
    return captured.err


@pytest.mark.parametrize(
    "document",
    [
        lambda url: {"@context": url, **ABOUT},
        lambda url: {"@context": [{"ex": "http://example.org/"}, url], **ABOUT},
        lambda url: {"@graph": [{"@context": url, **ABOUT}]},
        lambda url: {"@context": {"ex": {"@id": "http://example.org/", "@context": url}}, **ABOUT},
        lambda url: {"@context": {"@version": 1.1, "@import": url}, **ABOUT},
    ],
    ids=["top", "list", "node", "scoped", "import"],
)
def test_jsonld_context_named_by_iri_is_refused_without_a_request(
    document,
    listener,  # noqa: F811
    tmp_path,
    capsys,
):
    url = f"{listener.url}/context.jsonld"
    file = tmp_path / "remote-context.jsonld"
    file.write_text(json.dumps(document(url), indent=1))
    for argv in commands(file, tmp_path / "site"):
        message = refused(argv, capsys)
        assert (
            f"{file}:" in message and f'"{url}": a context named by IRI is not fetched' in message
        )
    assert listener.requests == []
    assert not (tmp_path / "site").exists()


def test_jsonld_context_message_names_file_line_and_iri(listener, tmp_path, capsys):  # noqa: F811
    file = tmp_path / "remote-context.jsonld"
    file.write_text(json.dumps({"@context": f"{listener.url}/c", **ABOUT}, indent=1))
    assert refused(["summary", str(file)], capsys) == (
        f'roadmapkg summary: {file}:2: @context "{listener.url}/c": a context named by IRI is '
        "not fetched (input files trigger no network access): put it inline\n"
    )


def test_jsonld_with_an_inline_context_still_loads(tmp_path):
    file = tmp_path / "inline.jsonld"
    file.write_text(
        json.dumps(
            {
                "@context": {"label": "http://www.w3.org/2000/01/rdf-schema#label"},
                "@id": "https://w3id.org/roadmapkg/id/x",
                "label": "x",
            }
        )
    )
    assert len(load_graph([file])) == 1


def test_rdfxml_entity_bomb_is_refused_before_expansion(tmp_path, capsys):
    file = tmp_path / "bomb.rdf"
    file.write_text(BOMB)
    argvs = [
        *commands(file, tmp_path / "site"),
        ["query", "pillars", "--data", str(file)],  # pyoxigraph, which expands entities too
        ["validate", str(file)],
    ]
    for argv in argvs:
        message = refused(argv, capsys)
        assert message == (
            f"roadmapkg {argv[0]}: {file}:3: <!ENTITY a0>: refused (declared entities can "
            "expand a small file to gigabytes; a DTD named by IRI would be fetched): write the "
            "values out\n"
        )
    assert not (tmp_path / "site").exists()


def test_rdfxml_naming_an_external_dtd_is_refused(listener, tmp_path, capsys):  # noqa: F811
    file = tmp_path / "dtd.rdf"
    file.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "{listener.url}/x.dtd">\n'
        + BOMB.split("]>\n", 1)[1]
    )
    message = refused(["summary", str(file)], capsys)
    assert f"{file}:2: an external DTD ({listener.url}/x.dtd): refused" in message
    assert listener.requests == []
