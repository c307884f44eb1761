"""rdf.curies: the one CURIE helper the results table, the JSON-LD writer and the SSSOM
mappings use."""

from __future__ import annotations

from roadmapkg.rdf.curies import compact, expand

ID = "https://w3id.org/roadmapkg/id/"
PREFIXES = {"id": ID, "place": f"{ID}place/", "rk": "https://w3id.org/roadmapkg/ontology#"}


def test_the_longest_namespace_wins_whatever_the_order():
    assert compact(f"{ID}place/spain", PREFIXES) == "place:spain"
    assert compact(f"{ID}place/spain", dict(reversed(PREFIXES.items()))) == "place:spain"


def test_a_local_part_with_a_slash_or_hash_or_nothing_is_not_compacted():
    assert compact(f"{ID}result/x/quantity", {"id": ID}) is None
    assert compact(f"{ID}a#b", {"id": ID}) is None
    assert compact(ID, {"id": ID}) is None
    assert compact("https://example.org/x", PREFIXES) is None


def test_expand_is_the_inverse_and_refuses_unknown_prefixes_and_empty_names():
    assert expand("rk:Action", PREFIXES) == "https://w3id.org/roadmapkg/ontology#Action"
    assert expand(compact(f"{ID}place/spain", PREFIXES), PREFIXES) == f"{ID}place/spain"
    assert expand("foo:bar", PREFIXES) is None
    assert expand("rk:", PREFIXES) is None
    assert expand("rk", PREFIXES) is None
