// The search box of every page of the roadmapkg site: entities by any of their names, in any
// language the graph holds; accents and case do not matter. The index is a script of the site
// (assets/search-index.js), loaded on the first keystroke: nothing is fetched.
(function () {
  "use strict";
  const box = document.getElementById("site-search");
  if (!box) return;
  const root = box.dataset.root; // the site's root, relative to this page
  const list = document.getElementById("site-search-results");
  const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  let entries = null;

  function load(then) {
    if (entries) return then();
    const script = document.createElement("script");
    script.src = root + "assets/search-index.js";
    script.onload = () => {
      entries = window.ROADMAPKG_SEARCH.map(([page, title, names]) => ({
        page, title, names: names.map(([text, lang]) => ({ text, lang, folded: fold(text) })),
      }));
      then();
    };
    document.head.append(script);
  }

  // the entities whose names hold every word of `query`: exact names first, then names that
  // start with it, then the rest; each entity once, with its best name
  function search(query) {
    const words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    const whole = words.join(" ");
    const found = [];
    for (const entry of entries) {
      let best = null;
      for (const name of entry.names) {
        if (!words.every((w) => name.folded.includes(w))) continue;
        const rank = name.folded === whole ? 0 : name.folded.startsWith(whole) ? 1 : 2;
        if (!best || rank < best.rank) best = { rank, name };
      }
      if (best) found.push({ entry, ...best });
    }
    found.sort((a, b) => a.rank - b.rank || a.entry.title.localeCompare(b.entry.title));
    return found;
  }
  window.roadmapkgSearch = (query) => search(query).map((hit) => hit.entry.page);

  function show() {
    const hits = search(box.value);
    list.replaceChildren();
    for (const { entry, name } of hits.slice(0, 20)) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = root + entry.page;
      link.textContent = entry.title;
      item.append(link);
      if (name.text !== entry.title) item.append(` (${name.text}${name.lang ? ` @${name.lang}` : ""})`);
      list.append(item);
    }
    list.dataset.hits = String(hits.length);
    list.hidden = !box.value.trim();
    if (box.value.trim() && !hits.length) list.textContent = "No entity has that name.";
  }
  box.addEventListener("input", () => load(show));
})();
