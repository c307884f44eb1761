"""Every fact of the factsheet is in the emitted graph, typed and attached to the right entities.

Each test asks the graph through SPARQL, with values written out by hand from
shared/seeds/eu-roadmap-drug-trafficking-2023.txt (and shared/reference/README.md for the
clarifications)."""

from __future__ import annotations

from helpers.rdf import select

XSD = "http://www.w3.org/2001/XMLSchema#"
ID = "https://w3id.org/roadmapkg/id/"


def test_roadmap_date_and_publisher(graph):
    rows = select(
        graph,
        """SELECT ?title ?issued ?dt ?publisher WHERE {
             ?r a rk:Roadmap ; rdfs:label ?title ; dct:issued ?issued ;
                dct:publisher/rdfs:label ?publisher . BIND(datatype(?issued) AS ?dt) }""",
    )
    assert rows == [
        (
            "EU Roadmap to fight drug trafficking and organised crime",
            "2023-10",
            XSD + "gYearMonth",
            "European Commission",
        )
    ]


def test_roadmap_builds_on_two_strategies_and_the_action_plan(graph):
    rows = select(
        graph,
        """SELECT ?class ?label ?start ?end WHERE {
             document:roadmap rk:buildsOn ?d . ?d a ?class ; rdfs:label ?label ;
             dct:temporal [ dcat:startDate ?start ; dcat:endDate ?end ] .
             FILTER NOT EXISTS { ?d a ?narrower . ?narrower rdfs:subClassOf ?class } }""",
    )
    rk = "https://w3id.org/roadmapkg/ontology#"
    assert sorted(rows) == [
        (rk + "ActionPlan", "EU Drugs Action Plan 2021-2025", "2021", "2025"),
        (rk + "Strategy", "EU Drugs Strategy 2021-2025", "2021", "2025"),
        (rk + "Strategy", "EU Strategy to tackle Organised Crime 2021-2025", "2021", "2025"),
    ]


def test_four_pillars_with_their_wording(graph):
    rows = select(
        graph,
        """SELECT ?n ?text WHERE { ?p a rk:Pillar ; rk:pillarNumber ?n ; rk:sourceText ?text ;
             dct:isPartOf document:roadmap } ORDER BY ?n""",
    )
    assert rows == [
        (
            "1",
            "Increasing resilience of ports against drug trafficking and criminal infiltration "
            "with a new European Ports Alliance;",
        ),
        (
            "2",
            "Dismantling high-risk criminal networks by means of more coordinated investigations "
            "and use of the Schengen Information System alerts;",
        ),
        (
            "3",
            "Measures to prevent organised crime through exchange of best practices among Member "
            "States and concrete guidance to protect people;",
        ),
        (
            "4",
            "Working with international partners, including in West Africa, Latin America and the "
            "Caribbean as well as other international partners.",
        ),
    ]


def test_pillars_name_their_instruments_and_partner_regions(graph):
    rows = select(
        graph,
        """SELECT ?n ?what WHERE { ?p rk:pillarNumber ?n .
             { ?p rk:involves/rdfs:label ?what }
             UNION { ?p rk:partnerRegion/rdfs:label ?what } }""",
    )
    assert sorted(rows) == [
        ("1", "European Ports Alliance"),
        ("2", "Schengen Information System"),
        ("4", "Caribbean"),
        ("4", "Latin America"),
        ("4", "West Africa"),
    ]


def test_nine_actions_in_order(graph):
    rows = select(
        graph,
        """SELECT ?pos ?text WHERE { ?a a rk:Action ; rk:listPosition ?pos ; rk:sourceText ?text ;
             dct:isPartOf document:roadmap } ORDER BY ?pos""",
    )
    assert [int(p) for p, _ in rows] == list(range(1, 10))
    starts = [text.split(" ")[:3] for _, text in rows]
    assert starts == [
        ["Schengen", "Evaluation", "on"],
        ["More", "financing", "for"],
        ["A", "mapping", "exercise"],
        ["A", "call", "for"],
        ["A", "call", "for"],
        ["High-Level", "Group", "on"],
        ["The", "EU", "Internet"],
        ["IT", "tool", "to"],
        ["A", "high-level", "conference"],
    ]


def test_funding_call_amount_and_dates_stated_by_actions(graph):
    rows = select(
        graph,
        """SELECT ?pos ?when ?planned ?dt ?value ?unit WHERE {
             ?a a rk:Action ; rk:listPosition ?pos ; ?when ?planned .
             FILTER(?when IN (rk:deadline, rk:plannedIn))
             BIND(datatype(?planned) AS ?dt)
             OPTIONAL { ?a rk:involves/rk:quantity [ qudt:numericValue ?value ; qudt:unit ?unit ] }
           } ORDER BY ?pos""",
    )
    rk = "https://w3id.org/roadmapkg/ontology#"
    assert rows == [  # by the end of 2023; in 2024
        (
            "4",
            rk + "deadline",
            "2023",
            XSD + "gYear",
            "20000000",
            "http://qudt.org/vocab/unit/CCY_EUR",
        ),
        ("9", rk + "plannedIn", "2024", XSD + "gYear", None, None),
    ]


def test_six_key_figures(graph):
    rows = select(
        graph,
        """SELECT ?kf ?value ?unit ?estimate ?per ?share ?change ?count ?area ?ref WHERE {
             ?kf a rk:KeyFigure ; rk:quantity ?q ; rk:area/rdfs:label ?area .
             ?q qudt:numericValue ?value ; qudt:unit ?u .
             BIND(replace(str(?u), "^.*/", "") AS ?unit)
             OPTIONAL { ?q rk:isEstimate ?estimate } OPTIONAL { ?q rk:timeBasis ?per }
             OPTIONAL { ?q rk:shareOf ?share } OPTIONAL { ?q rk:countOf ?count }
             OPTIONAL { ?q rk:changeOf ?change }
             OPTIONAL { ?kf rk:referenceDate ?ref }
             OPTIONAL { ?kf rk:referencePeriod/rdfs:label ?ref } }""",
    )
    year = "http://www.w3.org/2006/time#unitYear"
    kf = ID + "key-figure/"
    assert sorted(rows) == [
        (kf + "cocaine-market-growth", "416", "PERCENT", None, None,
         None, "size of the European cocaine market", None, "Europe", "2011/2021"),
        (kf + "criminal-networks-in-drugs", "40", "PERCENT", None, None,
         "criminal networks active in the EU", None, None, "European Union", None),
        (kf + "drug-related-homicides", "50", "PERCENT", None, None,
         "homicides in Europe", None, None, "Europe", None),
        (kf + "organised-crime-profit", "1", "PERCENT", "true", None,
         "GDP", None, None, "European Union", None),
        (kf + "organised-crime-profit", "139000000000", "CCY_EUR", "true", year,
         None, None, None, "European Union", None),
        (kf + "overdose-deaths", "6200", "NUM", None, None,
         None, None, "deaths", "European Union", "2021"),
        (kf + "seizures-in-ports", "70", "PERCENT", None, None,
         "drug seizures", None, None, "European Union", None),
    ]  # fmt: skip


def test_only_the_networks_figure_cites_socta_2021(graph):
    rows = select(
        graph,
        """SELECT ?kf ?src WHERE { ?kf rk:statisticalSource/skos:altLabel ?src }""",
    )
    assert rows == [(ID + "key-figure/criminal-networks-in-drugs", "SOCTA 2021")]


def test_two_august_2023_seizures(graph):
    rows = select(
        graph,
        """SELECT ?date ?dt ?place ?country ?substance ?value ?vdt ?unit WHERE {
             ?s a rk:Seizure ; rk:date ?date ; dct:source source:factsheet-seizures ;
                rk:place/rdfs:label ?place ;
                rk:country/rdfs:label ?country ; rk:substance/rdfs:label ?substance ;
                rk:quantity [ qudt:numericValue ?value ; qudt:unit ?unit ] .
             BIND(datatype(?date) AS ?dt) BIND(datatype(?value) AS ?vdt) }""",
    )
    tonne = "http://qudt.org/vocab/unit/TONNE"
    month = XSD + "gYearMonth"
    assert sorted(rows) == [
        ("2023-08", month, "Port of Algeciras", "Spain", "cocaine", "9.5", XSD + "decimal", tonne),
        # Rotterdam: read as its port (a curated inference, see statements.csv)
        (
            "2023-08",
            month,
            "Port of Rotterdam",
            "Netherlands",
            "cocaine",
            "8",
            XSD + "decimal",
            tonne,
        ),
    ]


def test_encrochat_operation_actors(graph):
    rows = select(
        graph,
        """SELECT ?date ?target ?role ?actor WHERE {
             event:encrochat-dismantling a rk:Operation ; rk:date ?date ;
               rk:target/rdfs:label ?target ; ?p ?a .
             VALUES (?p ?role) { (rk:conductedBy "conducted") (rk:supportedBy "supported") }
             ?a rdfs:label ?actor }""",
    )
    assert sorted(rows) == [
        ("2023-06", "EncroChat", "conducted", "Dutch authorities"),
        ("2023-06", "EncroChat", "conducted", "French authorities"),
        ("2023-06", "EncroChat", "supported", "Eurojust"),
        ("2023-06", "EncroChat", "supported", "Europol"),
    ]


def test_encrochat_results_stated_by_the_factsheet(graph):
    rows = select(
        graph,
        """SELECT ?kind ?substance ?value ?unit ?count WHERE {
             ?r rk:resultOf event:encrochat-dismantling ; rk:resultKind ?k ;
                dct:source/rk:evidenceBasis rk:Stated ;
                rk:quantity [ qudt:numericValue ?value ; qudt:unit ?u ] .
             BIND(replace(str(?k), "^.*#", "") AS ?kind) BIND(replace(str(?u), "^.*/", "") AS ?unit)
             OPTIONAL { ?r rk:substance/rdfs:label ?substance }
             OPTIONAL { ?r rk:quantity/rk:countOf ?count } }""",
    )
    assert sorted(rows, key=str) == sorted(
        [
            ("Arrests", None, "6558", "NUM", "arrests"),
            ("AssetsSeized", None, "900000000", "CCY_EUR", None),
            ("DrugsSeized", "chemical drugs", "30500000", "NUM", "pills"),
            ("DrugsSeized", "cocaine", "103.5", "TONNE", None),
            ("DrugsSeized", "cannabis", "163.4", "TONNE", None),
            ("DrugsSeized", "heroin", "3.3", "TONNE", None),
        ],
        key=str,
    )


def test_encrochat_clarifications_are_separately_sourced(graph):
    events = select(
        graph,
        """SELECT ?label ?date ?dt ?place WHERE {
             ?e rk:concerns event:encrochat-dismantling ; rdfs:label ?label ; rk:date ?date ;
                dct:source/rk:evidenceBasis rk:Clarification .
             BIND(datatype(?date) AS ?dt) OPTIONAL { ?e rk:place/rdfs:label ?place } }""",
    )
    assert sorted(events) == [
        ("Announcement of the EncroChat results in Lille", "2023-06-27", XSD + "date", "Lille"),
        ("EncroChat infiltrated and taken down", "2020", XSD + "gYear", None),
    ]
    money = select(
        graph,
        """SELECT ?kind ?value ?estimate WHERE {
             ?r dct:isPartOf/rk:resultOf event:encrochat-dismantling ; rk:resultKind ?k ;
                dct:source/rk:evidenceBasis rk:Clarification ;
                rk:quantity [ qudt:numericValue ?value ; rk:isEstimate ?estimate ] .
             BIND(replace(str(?k), "^.*#", "") AS ?kind) }""",
    )
    assert sorted(money) == [
        ("AssetsFrozen", "154100000", "true"),
        ("AssetsSeized", "739700000", "true"),
    ]


def test_ports_alliance_status_over_time(graph):
    rows = select(
        graph,
        """SELECT ?status ?date ?place ?basis WHERE {
             ?c rk:statusOf instrument:european-ports-alliance ; rk:status ?s ;
                rk:date ?date ; dct:source/rk:evidenceBasis ?b .
             BIND(replace(str(?b), "^.*#", "") AS ?basis)
             BIND(replace(str(?s), "^.*#", "") AS ?status)
             OPTIONAL { ?c rk:place/rdfs:label ?place } }""",
    )
    assert sorted(rows, key=lambda row: row[1]) == [
        ("Planned", "2023-10", None, "CuratedInference"),
        ("Launched", "2024-01-24", "Antwerp", "Clarification"),
    ]


def test_document_identifiers_are_clarifications(graph):
    rows = select(
        graph,
        """SELECT ?doc ?celex WHERE {
             ?st a rdf:Statement ; rdf:subject ?d ; rdf:predicate rk:celex ; rdf:object ?celex ;
                 dct:source/rk:evidenceBasis rk:Clarification .
             ?d rk:celex ?celex ; rdfs:label ?doc }""",
    )
    assert sorted(rows) == [
        ("EU Drugs Strategy 2021-2025", "52021XG0324(01)"),
        ("EU Roadmap to fight drug trafficking and organised crime", "52023DC0641"),
        ("EU Strategy to tackle Organised Crime 2021-2025", "52021DC0170"),
    ]
    adopted = select(graph, "SELECT ?d WHERE { document:roadmap dct:dateAccepted ?d }")
    assert adopted == [("2023-10-18",)]


def test_curated_inferences_are_distinguishable(graph):
    rows = select(
        graph,
        """SELECT ?subject ?property ?object WHERE {
             ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                 dct:source/rk:evidenceBasis rk:CuratedInference ; skos:note ?note .
             ?s ?p ?o .
             BIND(replace(str(?s), "^.*/", "") AS ?subject)
             BIND(replace(str(?p), "^.*#", "") AS ?property)
             BIND(replace(str(?o), "^.*/", "") AS ?object) }""",
    )
    pillar_of = {s: o for s, p, o in rows if p == "servesPillar"}
    assert len(pillar_of) == 9
    assert pillar_of["schengen-evaluation-ports"] == "port-resilience"
    assert pillar_of["internet-forum-knowledge-package"] == "crime-prevention"
    others = sorted((s, p, o) for s, p, o in rows if p != "servesPillar")
    dunkirk = (
        "13.1 tonnes is the sum of the three seizures of 7, 12 and 18 February 2026 (1.9, 8.4 and "
        "2.8 tonnes), computed by the curators."
    )
    assert others == [
        ("algeciras-2023-08", "substance", "cocaine"),
        ("encrochat-dismantling", "country", "france"),
        ("encrochat-dismantling", "country", "netherlands"),
        ("op-2023-07-13-rotterdam-bananas", "sameEventAs", "rotterdam-2023-08"),
        ("op-2023-08-23-algeciras-bananas", "sameEventAs", "algeciras-2023-08"),
        ("op-2026-02-dunkirk-series", "scopeNote", dunkirk),
        ("organised-crime-profit", "area", "european-union"),
        ("pa2-digital-investigations", "correspondsTo", "access-to-data-report"),
        ("pa2-financial-investigations", "deadline", "2024-06"),
        ("rotterdam-2023-08", "place", "port-of-rotterdam"),
        ("seizures-in-ports", "area", "european-union"),
    ]


def test_no_stated_fact_claims_an_action_pillar(graph):
    """Pillar assignments exist only as curated inferences, never from a factsheet section."""
    rows = select(
        graph,
        """SELECT ?a WHERE { ?a rk:servesPillar ?p .
             FILTER NOT EXISTS { ?st rdf:subject ?a ; rdf:predicate rk:servesPillar ;
               rdf:object ?p ; dct:source/rk:evidenceBasis rk:CuratedInference } }""",
    )
    assert rows == []


def test_every_entity_has_a_source_and_no_blank_nodes(graph):
    rows = select(
        graph,
        """SELECT ?s WHERE { ?s a ?c .
             FILTER(?c NOT IN (rk:Source, dct:PeriodOfTime, void:Dataset, void:Linkset))
             FILTER NOT EXISTS { ?s dct:source ?src } }""",
    )
    assert rows == []
    assert not [t for t in graph if any(type(term).__name__ == "BNode" for term in t)]


def test_quantities_are_numbers_never_strings(graph):
    rows = select(
        graph,
        """SELECT ?q WHERE { ?q qudt:numericValue ?v FILTER(datatype(?v) != xsd:decimal) }""",
    )
    assert rows == []
