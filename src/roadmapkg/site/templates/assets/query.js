// The SPARQL page of the roadmapkg site: Oxigraph (WebAssembly) holds the graph in the
// browser, Yasqe edits the query, every saved query is one pick away. No request leaves the
// folder: the graph, the engine and the editor are scripts of the site.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("query-data").textContent);
  const $ = (id) => document.getElementById(id);
  const status = $("status");
  const picker = $("picker");
  const form = $("parameters");
  const results = $("results");
  const downloads = $("downloads");
  const prefixBlock = Object.entries(data.prefixes)
    .map(([prefix, ns]) => `PREFIX ${prefix}: <${ns}>`)
    .join("\n");
  const Editor = window.Yasqe.default || window.Yasqe;
  const editor = new Editor($("editor"), {
    value: `${prefixBlock}\n\nSELECT ?class (COUNT(?thing) AS ?things) WHERE {\n  ?thing a ?class\n}\nGROUP BY ?class\nORDER BY DESC(?things)\n`,
    persistenceId: null,
    showQueryButton: false,
    createShareableLink: null,
    autocompleters: ["prefixes", "variables"],
    resizeable: true,
    editorHeight: "22rem",
  });
  let store = null;
  let chosen = null; // the saved query picked, until the text is edited by hand

  // --- binding parameters: a VALUES block at the start of the WHERE clause, as the
  // command line binds them (roadmapkg.store.substitute); values never become query syntax
  const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\\x7f-\x9f\s]+$/;
  const CHECKS = {
    integer: /^[+-]?[0-9]+$/,
    "xsd:integer": /^[+-]?[0-9]+$/,
    "xsd:decimal": /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/,
    number: /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/,
    "xsd:date": /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/,
  };
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const ECHAR = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };
  function quoted(value) {
    return '"' + value.replace(/\\[uU]?|["\x00-\x1f\x7f]/g, (text) => {
      if (text[0] === "\\") return "\\\\" + [...text.slice(1)].map(hex).join("");
      return ECHAR[text] || hex(text);
    }) + '"';
  }
  function hex(c) {
    return "\\U" + c.codePointAt(0).toString(16).toUpperCase().padStart(8, "0");
  }
  function term(parameter, raw) {
    const kind = parameter.type;
    if (kind === "iri") {
      if (!IRI.test(raw)) throw new Error(`${parameter.name}: not an absolute IRI: ${raw}`);
      return `<${raw}>`;
    }
    if (CHECKS[kind] && !CHECKS[kind].test(raw)) {
      throw new Error(`${parameter.name}: not a value of type ${kind}: ${raw}`);
    }
    if (kind === "number" || kind === "integer") {
      return `${quoted(raw)}^^<${XSD}${/^[+-]?[0-9]+$/.test(raw) ? "integer" : "decimal"}>`;
    }
    if (parameter.language) return `${quoted(raw)}@${parameter.language}`;
    if (parameter.datatype) return `${quoted(raw)}^^<${parameter.datatype}>`;
    return quoted(raw);
  }
  const WHERE = /#[^\n]*|"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|(\bWHERE\s*\{)/gi;
  function bound(text, bindings) {
    if (!bindings.length) return text;
    const names = bindings.map(([v]) => `?${v}`).join(" ");
    const values = bindings.map(([, t]) => t).join(" ");
    const block = ` VALUES (${names}) { (${values}) } `;
    for (const match of text.matchAll(WHERE)) {
      if (match[1]) {
        const end = match.index + match[0].length;
        return text.slice(0, end) + block + text.slice(end);
      }
    }
    return `${text}\nVALUES (${names}) { (${values}) }\n`;
  }
  function bindings() {
    if (!chosen) return [];
    const found = [];
    for (const parameter of chosen.parameters) {
      const raw = form.querySelector(`[name="${parameter.name}"]`).value;
      if (raw === "") {
        if (parameter.required) throw new Error(`${parameter.name}: required`);
        continue;
      }
      found.push([parameter.variable, term(parameter, raw)]);
    }
    return found;
  }

  // --- the picker
  for (const query of data.queries) {
    const option = document.createElement("option");
    option.value = query.name;
    option.textContent = `${query.name}: ${query.summary}`;
    picker.append(option);
  }
  function pick(name) {
    chosen = data.queries.find((q) => q.name === name) || null;
    form.replaceChildren();
    $("summary").textContent = chosen ? chosen.summary : "";
    if (!chosen) return;
    editor.setValue(chosen.text);
    for (const parameter of chosen.parameters) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.name = parameter.name;
      input.value = parameter.default;
      input.size = 60;
      label.append(`${parameter.name} (${parameter.type}${parameter.required ? "" : ", optional"}) `, input);
      form.append(label);
    }
    if (chosen.federated) {
      status.textContent = "This query calls other SPARQL endpoints (SERVICE): it needs the network and a server, so it cannot run in this page.";
    }
  }
  picker.addEventListener("change", () => pick(picker.value));

  // --- results
  function cell(value) {
    const td = document.createElement("td");
    if (!value) return td;
    if (value.type === "uri") {
      const page = data.pages[value.value];
      const node = document.createElement(page ? "a" : "span");
      if (page) node.href = page;
      node.textContent = value.value;
      td.append(node);
    } else {
      td.textContent = value.value;
      if (value["xml:lang"]) td.title = `@${value["xml:lang"]}`;
      else if (value.datatype) td.title = value.datatype;
    }
    return td;
  }
  function table(variables, rows) {
    const head = document.createElement("tr");
    for (const variable of variables) {
      const th = document.createElement("th");
      th.textContent = variable;
      head.append(th);
    }
    const body = rows.map((row) => {
      const tr = document.createElement("tr");
      for (const variable of variables) tr.append(cell(row[variable]));
      return tr;
    });
    const element = document.createElement("table");
    element.id = "answer";
    element.append(head, ...body);
    results.replaceChildren(element);
  }
  function offer(name, type, text) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = name;
    link.textContent = name;
    downloads.append(link, " ");
  }
  // the engine: Oxigraph in this page (the static site), or the server that served the page
  // (`roadmapkg serve`), asked through its own origin; both answer a query in a format
  const ask = data.endpoint
    ? async (text, format) => {
        const response = await fetch(data.endpoint, {
          method: "POST",
          headers: { Accept: format, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ query: text }),
        });
        const body = await response.text();
        if (!response.ok) throw new Error(body || `the server answered ${response.status}`);
        return body;
      }
    : async (text, format) => store.query(text, { results_format: format });
  let runs = 0;
  async function run() {
    status.dataset.run = String(++runs);
    status.dataset.state = "running";
    downloads.replaceChildren();
    results.replaceChildren();
    let text = editor.getValue();
    try {
      const saved = chosen && text === chosen.text;
      if (saved) text = bound(text, bindings());
      const name = saved ? chosen.name : "answer";
      const started = performance.now();
      const graphForm = /^\s*(CONSTRUCT|DESCRIBE)\b/im.test(text.replace(/#[^\n]*/g, ""));
      if (graphForm) {
        const nt = await ask(text, "application/n-triples");
        const triples = store_triples(nt);
        table(["subject", "predicate", "object"], triples);
        offer(`${name}.nt`, "application/n-triples", nt);
        status.textContent = `${triples.length} triple(s)`;
      } else {
        const json = await ask(text, "application/sparql-results+json");
        const answer = JSON.parse(json);
        if ("boolean" in answer) {
          results.textContent = `Answer: ${answer.boolean}`;
          status.textContent = "1 answer";
        } else {
          table(answer.head.vars, answer.results.bindings);
          status.textContent = `${answer.results.bindings.length} row(s)`;
        }
        offer(`${name}.csv`, "text/csv", await ask(text, "text/csv"));
        offer(`${name}.json`, "application/sparql-results+json", json);
      }
      status.dataset.ms = String(Math.round(performance.now() - started));
      status.dataset.state = "done";
    } catch (error) {
      status.textContent = `Error: ${error.message || error}`;
      status.dataset.state = "error";
    }
  }
  // a graph answer shown as rows: Oxigraph parses the N-Triples
  function store_triples(nt) {
    return window.oxigraph.parse(nt, { format: "application/n-triples" }).map((quad) => {
      const value = (t) =>
        t.termType === "NamedNode"
          ? { type: "uri", value: t.value }
          : t.termType === "Literal"
            ? { type: "literal", value: t.value, "xml:lang": t.language || undefined }
            : { type: "bnode", value: `_:${t.value}` };
      return { subject: value(quad.subject), predicate: value(quad.predicate), object: value(quad.object) };
    });
  }
  $("run").addEventListener("click", run);

  // --- start: the engine compiles, the graph loads, then the page is ready
  status.textContent = "Loading the graph…";
  window.oxigraph.init().then(() => {
    if (data.endpoint) {
      status.textContent = `Ready: queries go to the server's endpoint ${new URL(data.endpoint, location.href)}. Pick a saved query or write one, then Run.`;
    } else {
      store = new window.oxigraph.Store();
      store.load(window.ROADMAPKG_GRAPH, { format: "application/n-triples" });
      status.textContent = `Ready: ${store.size} triples loaded. Pick a saved query or write one, then Run.`;
    }
    status.dataset.state = "ready";
    $("run").disabled = false;
    const wanted = new URLSearchParams(location.search).get("query");
    if (wanted) {
      picker.value = wanted;
      pick(wanted);
    }
  }, (error) => {
    status.textContent = `The query engine could not start: ${error.message || error}`;
    status.dataset.state = "error";
  });
})();
