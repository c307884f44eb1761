"""The Python entry points the README shows: roadmapkg.query and roadmapkg.export_view."""

from __future__ import annotations

import networkx as nx
import pytest

import roadmapkg
from roadmapkg.rdf.namespaces import ID


def test_query_returns_rows_as_text_with_parameters_by_name():
    rows = roadmapkg.query("seizures-in-country", country=str(ID["place/spain"]))
    assert rows == [
        {
            "date": "2023-08",
            "place": "Port of Algeciras",
            "substance": "cocaine",
            "value": "9.5",
            "unit": "http://qudt.org/vocab/unit/TONNE",
            "seizure": str(ID["seizure/algeciras-2023-08"]),
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
