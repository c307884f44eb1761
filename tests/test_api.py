"""The Python entry points the README shows: roadmapkg.query and roadmapkg.export_view."""

from __future__ import annotations

import networkx as nx
import pytest

import roadmapkg
from roadmapkg.rdf.namespaces import ID


def test_query_returns_rows_as_text_with_parameters_by_name():
    # ../shared/reference/operations.tsv, op-2023-09-26-mv-matthew: Ireland's one seizure
    rows = roadmapkg.query("seizures-in-country", country=str(ID["place/ireland"]))
    assert rows == [
        {
            "date": "2023-09-26",
            "place": "Sea off the south-east coast of Ireland",
            "substance": "cocaine",
            "value": "2253",
            "unit": "http://qudt.org/vocab/unit/KiloGM",
            "seizure": str(ID["seizure/op-2023-09-26-mv-matthew"]),
        }
    ]


def test_query_of_a_graph_form_says_to_use_the_cli():
    with pytest.raises(roadmapkg.RoadmapError, match="actor-network: a CONSTRUCT query has no"):
        roadmapkg.query("actor-network")


def test_export_view_writes_the_view(tmp_path):
    from roadmapkg.export.views import build_view
    from roadmapkg.store.embedded import open_embedded

    [written] = roadmapkg.export_view("policy", "graphml", tmp_path / "policy.graphml")
    view = build_view(open_embedded(), "policy", "en")
    assert set(nx.read_graphml(written)) == set(view) and len(view) > 20
