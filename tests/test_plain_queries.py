"""A graph that answers plain queries (issue #16, item 3): the traps a new user's trial found,
each asked the way that user asked it, on data/roadmap.ttl alone, in stores with no reasoner
(pyoxigraph and rdflib)."""

from __future__ import annotations

import re
from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from roadmapkg import paths
from roadmapkg.rdf import ontology
from roadmapkg.rdf.dates import DATING, first_day
from roadmapkg.rdf.namespaces import RK

PREFIXES = """
PREFIX rk: <https://w3id.org/roadmapkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX qudt: <http://qudt.org/schema/qudt/>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX unit: <http://qudt.org/vocab/unit/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@pytest.fixture(scope="module")
def oxigraph() -> ox.Store:
    store = ox.Store()
    store.load(path=str(paths.GRAPH), format=ox.RdfFormat.TURTLE)
    return store


@pytest.fixture(scope="module")
def rdflib_graph() -> Graph:
    return Graph().parse(paths.GRAPH, format="turtle")


def rows(engine: str, store: ox.Store, graph: Graph, query: str) -> list[tuple[str, ...]]:
    """The solutions of `query` as tuples of strings (None for unbound), in answer order."""
    if engine == "oxigraph":
        solutions = store.query(PREFIXES + query)
        names = [v.value for v in solutions.variables]
        return [tuple(s[n].value if s[n] is not None else None for n in names) for s in solutions]
    return [
        tuple(str(v) if v is not None else None for v in r) for r in graph.query(PREFIXES + query)
    ]


ENGINES = ["oxigraph", "rdflib"]


def own_types(graph: Graph) -> dict[URIRef, set[URIRef]]:
    """Each typed entity -> its rk: types that no other of its types is below."""
    found: dict[URIRef, set[URIRef]] = {}
    for node, cls in graph.subject_objects(RDF.type):
        if str(cls).startswith(str(RK)):
            found.setdefault(node, set()).add(cls)
    return {node: set(ontology.own_classes(types)) for node, types in found.items()}


# ------------------------------------------------------------------- 1. entailed types


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("top", ["Event", "Actor", "Place", "Publication", "RoadmapComponent"])
def test_a_plain_type_query_finds_every_instance_of_a_class_and_its_subclasses(
    engine, top, oxigraph, rdflib_graph
):
    """`?x a rk:Event` finds every operation, seizure, status change and implementation event,
    with no reasoner (it found 2 of 90 events and 0 of 71 actors before the entailed types
    were written out)."""
    below = ontology.subclasses(RK[top])
    expected = {str(n) for n, types in own_types(rdflib_graph).items() if types & below}
    found = {
        r[0] for r in rows(engine, oxigraph, rdflib_graph, f"SELECT ?x WHERE {{ ?x a rk:{top} }}")
    }
    assert expected and found == expected


def test_the_entailed_types_are_exactly_the_closure_of_the_own_classes(rdflib_graph):
    """Every rk: type of an entity is its own class or one the ontology puts above it: nothing
    else is published as entailed, and nothing entailed is missing."""
    for node, own in own_types(rdflib_graph).items():
        stated = {c for c in rdflib_graph.objects(node, RDF.type) if str(c).startswith(str(RK))}
        closure = own | {c for o in own for c in ontology.superclasses(o)}
        assert stated == closure, node
        assert len(own) == 1, f"{node}: more than one own class: {sorted(own)}"


def test_the_data_states_the_hierarchy_of_the_classes_it_uses(rdflib_graph):
    """The rdfs:subClassOf triples the data carries (which mark a type as entailed: one with a
    narrower type beside it) are the ontology's, for exactly the rk: classes the data uses."""
    used = {c for c in rdflib_graph.objects(None, RDF.type) if str(c).startswith(str(RK))}
    expected = {(c, d) for c in used for d in ontology.direct_superclasses(c)}
    stated = set(rdflib_graph.subject_objects(RDFS.subClassOf))
    assert stated == expected


# ------------------------------------------------------------------- 2. labels of terms


def test_every_class_unit_and_concept_the_data_names_is_labelled_in_the_data(rdflib_graph):
    """The classes (the types and the classes of the hierarchy), units, time units and
    concepts (statuses, kinds, evidence bases and strengths) the data names carry their label in
    data/roadmap.ttl itself, the ontology's (copied there from QUDT, VoID... for reused terms)."""
    graph = rdflib_graph
    named = set(graph.objects(None, RDF.type)) | set(graph.objects(None, RDFS.subClassOf))
    named |= set(graph.objects(None, URIRef("http://qudt.org/schema/qudt/unit")))
    named |= {
        o
        for p, o in graph.predicate_objects()
        if isinstance(o, URIRef) and str(o).startswith(str(RK)) and p != RDF.predicate
    }
    onto = ontology.load()
    assert len(named) > 60
    for term in sorted(named):
        labels = set(graph.objects(term, RDFS.label)) | set(graph.objects(term, SKOS.prefLabel))
        assert labels, f"{term} has no label in the data"
        assert labels == set(onto.objects(term, RDFS.label)), term


@pytest.mark.parametrize("engine", ENGINES)
def test_a_status_history_reads_in_words_from_the_data_alone(engine, oxigraph, rdflib_graph):
    """A user's first query of the statuses shows their names without the ontology."""
    found = rows(
        engine,
        oxigraph,
        rdflib_graph,
        """SELECT DISTINCT ?name WHERE { ?change a rk:StatusChange ; rk:status/rdfs:label ?name }
           ORDER BY ?name""",
    )
    assert [r[0] for r in found] == ["Delivered", "Launched", "Planned"]


# ------------------------------------------------------------------- 4. totals and parts

ENCROCHAT = "<https://w3id.org/roadmapkg/id/event/encrochat-dismantling>"
NAIVE_SUMS = {
    "of the operation's results in euros": f"""
        SELECT (SUM(?v) AS ?total) WHERE {{
          ?r rk:resultOf {ENCROCHAT} ; rk:quantity ?q .
          ?q qudt:unit unit:CCY_EUR ; qudt:numericValue ?v }}""",
    "of the results of kind 'assets seized'": f"""
        SELECT (SUM(?v) AS ?total) WHERE {{
          ?r a rk:OperationResult ; rk:resultOf {ENCROCHAT} ; rk:resultKind rk:AssetsSeized ;
             rk:quantity/qudt:numericValue ?v }}""",
    "of every operation result in euros": """
        SELECT (SUM(?v) AS ?total) WHERE {
          ?r a rk:OperationResult ; rk:quantity ?q .
          ?q qudt:unit unit:CCY_EUR ; qudt:numericValue ?v }""",
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("question", NAIVE_SUMS)
def test_a_naive_sum_of_results_counts_each_amount_once(engine, question, oxigraph, rdflib_graph):
    """EUR 900 million seized after EncroChat (factsheet line 76): the cash seized and the assets
    frozen that a clarification breaks it into are rk:ResultParts, not results of their own, so
    a plain SUM gives 900 million (it gave 1 639.7 or 1 793.8 million before)."""
    [(total,)] = rows(engine, oxigraph, rdflib_graph, NAIVE_SUMS[question])
    assert Decimal(total) == Decimal("900000000")


@pytest.mark.parametrize("engine", ENGINES)
def test_the_parts_of_a_total_are_found_beside_it(engine, oxigraph, rdflib_graph):
    found = rows(
        engine,
        oxigraph,
        rdflib_graph,
        f"""SELECT ?kind ?v WHERE {{
              ?part a rk:ResultPart ; dct:isPartOf ?total ; rk:resultKind ?kind ;
                    rk:quantity/qudt:numericValue ?v .
              ?total rk:resultOf {ENCROCHAT} ; rk:quantity/qudt:numericValue ?whole .
              FILTER NOT EXISTS {{ ?part rk:resultOf ?any }}
            }} ORDER BY ?kind""",
    )
    assert [(k.rpartition("#")[2], Decimal(v)) for k, v in found] == [
        ("AssetsFrozen", Decimal("154100000")),
        ("AssetsSeized", Decimal("739700000")),
    ]


# ------------------------------------------------------------------- 6. ports are ports

ID = "https://w3id.org/roadmapkg/id/"


@pytest.mark.parametrize("engine", ENGINES)
def test_the_factsheets_rotterdam_seizure_is_in_the_port_of_rotterdam(
    engine, oxigraph, rdflib_graph
):
    """Factsheet line 70, "8 tonnes of cocaine seized in Rotterdam", read (a curated inference)
    as the seizure of 13 July 2023 that the reference notes place at Rotterdam port."""
    found = rows(
        engine,
        oxigraph,
        rdflib_graph,
        f"""SELECT ?place ?label WHERE {{
              <{ID}seizure/rotterdam-2023-08> rk:place ?place .
              ?place a rk:Port ; rdfs:label ?label }}""",
    )
    assert found == [(ID + "place/port-of-rotterdam", "Port of Rotterdam")]


def test_the_port_reading_is_a_curated_inference_with_its_note(rdflib_graph):
    found = rows(
        "rdflib",
        None,
        rdflib_graph,
        f"""SELECT ?note WHERE {{
              ?st rdf:subject <{ID}seizure/rotterdam-2023-08> ; rdf:predicate rk:place ;
                  rdf:object <{ID}place/port-of-rotterdam> ; skos:note ?note ;
                  dct:source/rk:evidenceBasis rk:CuratedInference }}""",
    )
    assert len(found) == 1 and "port" in found[0][0]


def test_un_locodes_are_on_ports(rdflib_graph):
    """The reference notes verify NLRTM and ESALG as the codes of the ports."""
    coded = set(rdflib_graph.subject_objects(RK.unLocode))
    assert {(str(p), str(c)) for p, c in coded} == {
        (ID + "place/port-of-rotterdam", "NLRTM"),
        (ID + "place/port-of-algeciras", "ESALG"),
    }
    assert all((p, RDF.type, RK.Port) in rdflib_graph for p, _ in coded)


# ------------------------------------------------------------------- 5. which file to load

LINKS = paths.GRAPH.with_name("links.ttl")


def test_links_ttl_is_a_subset_of_roadmap_ttl_and_loading_both_doubles_nothing(oxigraph):
    graph = set(ox.parse(path=str(paths.GRAPH), format=ox.RdfFormat.TURTLE))
    links = set(ox.parse(path=str(LINKS), format=ox.RdfFormat.TURTLE))
    assert links and links <= graph
    both = ox.Store()
    for path in (paths.GRAPH, LINKS):
        both.load(path=str(path), format=ox.RdfFormat.TURTLE)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://www.w3.org/2002/07/owl#sameAs> ?o }"
    assert [r["n"] for r in both.query(count)] == [r["n"] for r in oxigraph.query(count)]
    assert len(both) == len(graph)
    merged = Graph().parse(paths.GRAPH, format="turtle").parse(LINKS, format="turtle")
    assert len(merged) == len(graph)


def test_the_readme_and_links_ttl_say_which_file_to_load():
    """Loading the two files into two named graphs of a union store would find each link twice:
    the README and links.ttl's first lines say to load roadmap.ttl alone."""
    readme = " ".join((paths.ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "**Which file to load:** load `data/roadmap.ttl` alone" in readme
    head = LINKS.read_text(encoding="utf-8").split("\nPREFIX", 1)[0]
    assert head.startswith("# ") and "load roadmap.ttl alone" in " ".join(head.split())


def test_the_readmes_triple_count_is_the_graphs(rdflib_graph):
    """The README says how many triples data/roadmap.ttl holds: the figure follows the data."""
    readme = " ".join((paths.ROOT / "README.md").read_text(encoding="utf-8").split())
    stated = re.search(r"the graph holds ([0-9 ]+) triples today", readme)
    assert stated, "the README no longer states the graph's size"
    assert int(stated.group(1).replace(" ", "")) == len(rdflib_graph)


# ------------------------------------------------------------------- 3. one sortable date

XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


def test_every_dated_thing_has_one_sort_date_the_first_day_of_its_date(rdflib_graph):
    """Events, documents, status changes, deadlines and planned periods, whatever the precision
    of their date (xsd:gYear, gYearMonth, date), have one rk:sortDate, an xsd:date: the first
    day of the first of their dates in rk:sortDate's order."""
    graph = rdflib_graph
    dated = {s for p in DATING for s in graph.subjects(p, None)}
    assert len(dated) > 100
    for thing in dated:
        stated = next(graph.value(thing, p) for p in DATING if graph.value(thing, p) is not None)
        found = list(graph.objects(thing, RK.sortDate))
        assert len(found) == 1, thing
        assert str(found[0].datatype) == XSD_DATE, thing
        assert str(found[0]) == first_day(str(stated)), thing
    assert set(graph.subjects(RK.sortDate, None)) == dated


def test_first_day_of_each_precision():
    assert [first_day(d) for d in ("2023", "2023-10", "2023-10-18")] == [
        "2023-01-01",
        "2023-10-01",
        "2023-10-18",
    ]


def test_order_by_the_sort_date_is_the_same_on_both_engines(oxigraph, rdflib_graph):
    query = "SELECT ?thing ?d WHERE { ?thing rk:sortDate ?d } ORDER BY ?d STR(?thing)"
    answers = [rows(e, oxigraph, rdflib_graph, query) for e in ENGINES]
    assert answers[0] == answers[1]
    assert answers[0] == sorted(answers[0], key=lambda r: (r[1], r[0]))
    assert len(answers[0]) > 100


@pytest.mark.parametrize("engine", ENGINES)
def test_a_deadline_is_distinguishable_from_a_period(engine, oxigraph, rdflib_graph):
    """Factsheet lines 61 and 67: the call for proposals "by the end of 2023" (a deadline), the
    conference "in 2024" (a period), on the actions and on the instruments they involve."""
    found = rows(
        engine,
        oxigraph,
        rdflib_graph,
        """SELECT ?thing ?when ?value WHERE {
             ?thing ?when ?value . FILTER(?when IN (rk:deadline, rk:plannedIn, rk:plannedDate))
             FILTER NOT EXISTS { ?thing a rk:Measure } } ORDER BY ?thing""",
    )
    rk = str(RK)
    assert found == [
        (ID + "action/crime-prevention-conference-and-practices", rk + "plannedIn", "2024"),
        (ID + "action/organised-crime-funding", rk + "deadline", "2023"),
        (ID + "instrument/crime-prevention-conference", rk + "plannedIn", "2024"),
        (ID + "instrument/organised-crime-call", rk + "deadline", "2023"),
    ]
