"""The version and release date live in pyproject.toml; the hand-written ontology must agree."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, XSD

from roadmapkg import paths
from roadmapkg.errors import RoadmapError
from roadmapkg.rdf import ontology
from roadmapkg.rdf.namespaces import ONTOLOGY_IRI
from roadmapkg.site import release


def test_the_ontology_carries_the_pyproject_version_and_release_date():
    onto = ontology.load()
    version = release.version()
    assert version == "0.1.0"
    assert list(onto.objects(ONTOLOGY_IRI, OWL.versionInfo)) == [Literal(version)]
    assert list(onto.objects(ONTOLOGY_IRI, OWL.versionIRI)) == [URIRef(f"{ONTOLOGY_IRI}/{version}")]
    modified = list(onto.objects(ONTOLOGY_IRI, DCTERMS.modified))
    assert modified == [Literal(release.released())]  # the release date, typed xsd:date
    assert modified[0].datatype == XSD.date


def test_the_release_date_is_an_explicit_date():
    assert release.released() == date(2026, 11, 25)


def test_a_release_date_that_is_not_a_date_is_an_error(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nversion = "1.0.0"\n[tool.roadmapkg]\nreleased = "soon"\n')
    with pytest.raises(RoadmapError) as error:
        release.released(pyproject)
    assert str(error.value) == (
        f"{pyproject}: [tool.roadmapkg] released must be a date (YYYY-MM-DD)"
    )
    assert release.version(pyproject) == "1.0.0"


def test_the_changelog_has_a_section_for_the_released_version():
    changelog = (paths.ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    heading = f"## [{release.version()}] - {release.released().isoformat()}"
    assert heading in changelog.splitlines()
    assert changelog.index("## [Unreleased]") < changelog.index(heading)  # newest first


def test_the_code_is_under_the_eupl_and_the_data_under_cc_by():
    """Regression: there was no LICENSE file, and the data was published under the EUPL."""
    import tomllib

    from rdflib.namespace import DCAT

    from roadmapkg.rdf.load import load_graph
    from roadmapkg.site.describe import describe, dumps

    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "EUPL-1.2"
    licence = (paths.ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2\n")
    data = (paths.ROOT / "LICENSE-DATA.md").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International" in data
    assert "Commission Decision 2011/833/EU" in data
    assert "© European Union, 2023. Source: European Commission" in data
    cc_by = URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert release.data_licence() == str(cc_by)
    graph = load_graph([paths.GRAPH])
    description = describe(graph, dumps(graph))
    described = [
        node
        for cls in (DCAT.Catalog, DCAT.Dataset, DCAT.Distribution, DCAT.DataService)
        for node in description.subjects(RDF.type, cls)
    ]
    assert len(described) >= 5
    for node in described:
        assert list(description.objects(node, DCTERMS.license)) == [cc_by], node


def test_a_data_licence_that_is_not_an_iri_is_an_error(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.roadmapkg]\ndata-licence = "CC BY"\n')
    with pytest.raises(RoadmapError) as error:
        release.data_licence(pyproject)
    assert (
        str(error.value) == f"{pyproject}: [tool.roadmapkg] data-licence must be the licence's IRI"
    )
