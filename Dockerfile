# roadmapkg in a container: the package installed from this checkout (with the ontology, shapes,
# saved queries and committed graph it carries), run as `docker run IMAGE query key-figures`.
# Build after `make run` (npm ci fetches the npm files the views and the site copy):
#   docker build -t roadmapkg .
#   docker run --rm roadmapkg query key-figures
#   docker run --rm -v "$PWD/out:/work/out" roadmapkg export --view policy --format graphml
FROM python:3.11-slim
COPY pyproject.toml README.md LICENSE LICENSE-DATA.md /src/
COPY src /src/src
COPY ontology /src/ontology
COPY queries /src/queries
COPY data /src/data
COPY mappings /src/mappings
# the npm files the package ships (src/roadmapkg/shipped/ links to them): the network view's
# cytoscape.js, and the site's SPARQL editor and engine, timeline, map and country outlines
COPY node_modules/cytoscape/dist/cytoscape.min.js /src/node_modules/cytoscape/dist/
COPY node_modules/@zazuko/yasqe/build/yasqe.min.js node_modules/@zazuko/yasqe/build/yasqe.min.css /src/node_modules/@zazuko/yasqe/build/
COPY node_modules/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js /src/node_modules/vis-timeline/standalone/umd/
COPY node_modules/vis-timeline/styles/vis-timeline-graph2d.min.css /src/node_modules/vis-timeline/styles/
COPY node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css /src/node_modules/leaflet/dist/
COPY node_modules/oxigraph/web.js node_modules/oxigraph/web_bg.wasm /src/node_modules/oxigraph/
COPY node_modules/world-atlas/countries-110m.json /src/node_modules/world-atlas/
RUN pip install --no-cache-dir /src && rm -r /src
WORKDIR /work
ENTRYPOINT ["roadmapkg"]
CMD ["--help"]
