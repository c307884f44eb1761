# roadmapkg in a container: the package installed from this checkout (with the ontology, shapes,
# saved queries and committed graph it carries), run as `docker run IMAGE query key-figures`.
# Build after `make run` (npm ci fetches the cytoscape.js the HTML view inlines):
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
COPY node_modules/cytoscape/dist/cytoscape.min.js /src/node_modules/cytoscape/dist/
RUN pip install --no-cache-dir /src && rm -r /src
WORKDIR /work
ENTRYPOINT ["roadmapkg"]
CMD ["--help"]
