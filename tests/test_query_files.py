"""Every SPARQL file is read by the one loader (`rdf.sparql.read`): the saved queries, the
network views and the QC checks each carry grlc decorators with a summary."""

from __future__ import annotations

import pytest

from roadmapkg import paths
from roadmapkg.export.choices import VIEWS
from roadmapkg.export.views import VIEWS_FOLDER
from roadmapkg.rdf.sparql import QueryError, read

VIEW_FILES = sorted(VIEWS_FOLDER.glob("*.rq"))
QC_FILES = sorted(paths.QC.glob("*.rq"))


def test_every_view_has_its_file_and_every_file_is_a_view():
    assert sorted(p.stem for p in VIEW_FILES) == sorted(VIEWS)


@pytest.mark.parametrize("path", VIEW_FILES + QC_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_views_and_qc_checks_carry_a_summary_and_a_tag(path):
    query = read(path)
    assert query.summary and query.summary == query.summary.strip()
    assert query.tags == ["view" if path.parent == VIEWS_FOLDER else "qc"]
    assert query.form == "SELECT"
    assert query.parameters == []


def test_qc_checks_select_focus_path_and_message():
    for path in QC_FILES:
        assert path.name.endswith("-violation.rq"), path
        head = read(path).text.split("WHERE", 1)[0]
        assert "?focus" in head and "?path" in head and "?message" in head, path


def test_a_query_file_without_a_summary_is_refused_where_one_is_required(tmp_path):
    path = tmp_path / "bare.rq"
    path.write_text("SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    assert read(path, require_summary=False).summary == "bare"
    with pytest.raises(QueryError) as error:
        read(path)
    assert str(error.value) == (
        f"{path}: the '#+ summary:' decorator is missing or not a line of text"
    )
