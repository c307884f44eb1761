"""The site's ontology documentation, its versions, its model diagram, and the query gallery."""

from __future__ import annotations

import os

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from helpers.site import parse, text_of
from roadmapkg import paths
from roadmapkg.queries.saved import load_all
from roadmapkg.rdf.namespaces import BASE, ONTOLOGY_IRI
from roadmapkg.site import release

pytestmark = pytest.mark.slow


def test_ontology_page_documents_every_term_with_its_constraints(site):
    from roadmapkg.rdf import ontology
    from roadmapkg.site.ontodocs import ontology_docs

    onto = ontology.load()
    html = (site / "ontology/roadmap.html").read_text(encoding="utf-8")
    text = text_of(html)
    terms = sorted(ontology.classes(onto)) + sorted(ontology.properties(onto) - {RDF.type})
    assert len(terms) > 80
    ids, anchors = parse(html).ids, ontology_docs(onto).anchors
    for term in terms:
        assert anchors[str(term)] in ids, term
        label = onto.value(term, RDFS.label)
        assert label is None or str(label) in text, term
        definition = onto.value(term, URIRef("http://www.w3.org/2004/02/skos/core#definition"))
        assert definition is None or str(definition) in text, term
    servers = html.split('id="servesPillar"')[1].split("</table>")[0]
    assert all(f'href="#{name}"' in servers for name in ("Action", "Pillar"))  # domain, range
    assert "<title>roadmapkg ontology</title>" in html
    # regression: pyLODE took the concept schemes for the ontology (title and IRI merged)
    metadata = html.split('id="metadata">')[1].split("</dl>")[0]
    assert "<h1>roadmapkg ontology</h1>" in metadata
    assert "<code>https://w3id.org/roadmapkg/ontology</code>" in metadata
    assert "Scheme" not in metadata and "Evidence bases" not in metadata
    assert (
        "<li><strong>pillar number</strong> (<code>rk:pillarNumber</code>): exactly 1; of type "
        "<code>xsd:integer</code>; value ≥ 1; mandatory (violation). A pillar has one number, "
        "an integer from 1.</li>"
    ) in html
    assert (
        "SHACL shape <code>rks:PolicyDocumentShape</code> (ontology/shapes.ttl) requires:" in html
    )
    assert "Recommended: the CELEX number of the policy document" in text


def test_the_ontology_and_its_version_are_published_in_every_format(site):
    """owl:versionIRI ontology/0.1.0 leads to ontology/0.1.0/ (w3id/.htaccess): the site holds
    the version there, as it holds the current one in ontology/, in Turtle, JSON-LD, N-Triples
    and HTML."""
    from roadmapkg.rdf import ontology

    onto = ontology.load()
    version_iri = onto.value(ONTOLOGY_IRI, OWL.versionIRI)
    folder = str(version_iri)[len(BASE) :]
    assert folder == f"ontology/{release.version()}"
    for base in ("ontology", folder):
        assert (site / base / "roadmap.ttl").read_bytes() == paths.ONTOLOGY.read_bytes()
        for suffix, syntax in ((".jsonld", "json-ld"), (".nt", "nt")):
            assert isomorphic(Graph().parse(site / base / f"roadmap{suffix}", format=syntax), onto)
        html = (site / base / "roadmap.html").read_text(encoding="utf-8")
        assert "<title>roadmapkg ontology</title>" in html
    # regression: pyLODE took the concept schemes for the ontology (title and IRI merged)
    metadata = html.split('id="metadata">')[1].split("</dl>")[0]
    assert "<h1>roadmapkg ontology</h1>" in metadata
    assert "<code>https://w3id.org/roadmapkg/ontology</code>" in metadata
    assert "Scheme" not in metadata and "Evidence bases" not in metadata
    index = parse((site / "ontology/index.html").read_text(encoding="utf-8"))
    assert {"0.1.0/roadmap.html", "0.1.0/roadmap.ttl", "roadmap.jsonld", "roadmap.nt"} <= {
        url for _, url, _ in index.links
    }


@pytest.mark.parametrize(
    "page",
    [
        "ontology/roadmap.html",
        "ontology/0.1.0/roadmap.html",
        "views/policy.html",
        "views/full.html",
    ],
)
def test_pages_the_site_does_not_template_link_back_home(site, page):
    """pyLODE's page and the network views had no way back to the rest of the site."""
    links = {url for _, url, _ in parse((site / page).read_text(encoding="utf-8")).links}
    home = os.path.relpath("index.html", os.path.dirname(page))
    assert home in links and os.path.relpath("ontology/index.html", os.path.dirname(page)) in links


def test_model_diagram_and_reused_vocabularies(site):
    from lxml import etree

    from roadmapkg.rdf import ontology

    drawing = etree.parse(str(site / "ontology/model.svg"))
    svg = "{http://www.w3.org/2000/svg}"
    labels = {"".join(t.itertext()) for t in drawing.iter(f"{svg}text")}
    own = ontology.classes()
    assert {str(ontology.load().value(c, RDFS.label)) for c in own} <= labels
    text = text_of((site / "ontology/index.html").read_text(encoding="utf-8"))
    for prefix in ("skos", "dct", "prov", "qudt", "time", "org", "foaf", "dcat"):
        assert f" {prefix} http" in text, prefix


def test_query_gallery_shows_every_saved_query(site):
    html = (site / "queries.html").read_text(encoding="utf-8")
    page = parse(html)
    queries = load_all()
    assert {q.name for q in queries} <= page.ids
    pillars = html.split('<section id="pillars">')[1].split("</section>")[0]
    assert pillars.count("<tr>") == 1 + 4 and "Working with international partners" in pillars
    federated = [q.name for q in queries if "SERVICE" in q.text]
    assert len(federated) == 3
    for name in federated:
        section = html.split(f'<section id="{name}">')[1].split("</section>")[0]
        assert "not run here" in section and "<table>" not in section
