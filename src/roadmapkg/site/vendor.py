"""The JavaScript and CSS the static site copies from npm packages (package.json pins them;
`npm ci` fetches them into node_modules/): no CDN, so the pages work from a folder with the
network cut off. An installed package carries the same files in ``roadmapkg/shipped/npm/``."""

from __future__ import annotations

import base64
import re

from .. import paths
from ..errors import RoadmapError

# site path -> (npm package, file inside it)
ASSETS = {
    "assets/yasqe.min.js": ("@zazuko/yasqe", "build/yasqe.min.js"),
    "assets/yasqe.min.css": ("@zazuko/yasqe", "build/yasqe.min.css"),
    "assets/vis-timeline.min.js": ("vis-timeline", "standalone/umd/vis-timeline-graph2d.min.js"),
    "assets/vis-timeline.min.css": ("vis-timeline", "styles/vis-timeline-graph2d.min.css"),
    "assets/leaflet.js": ("leaflet", "dist/leaflet.js"),
    "assets/leaflet.css": ("leaflet", "dist/leaflet.css"),
}
OXIGRAPH_JS = ("oxigraph", "web.js")
OXIGRAPH_WASM = ("oxigraph", "web_bg.wasm")


def npm_file(package: str, name: str) -> bytes:
    """The bytes of `name` in the npm `package`, or a clear error naming `npm ci`."""
    if paths.ROOT == paths.SHIPPED:
        path = paths.SHIPPED / "npm" / package / name
    else:
        path = paths.ROOT / "node_modules" / package / name
    if not path.is_file():
        raise RoadmapError(f"{paths.display(path)} is missing: run `npm ci` (make does)")
    return path.read_bytes()


EXPORTED = re.compile(r"^export (?=(?:async )?(?:class|function) )", re.MULTILINE)
EXPORT_LIST = "export { initSync, __wbg_init as default };"


def oxigraph_script() -> bytes:
    """Oxigraph's browser module (wasm-bindgen's ES module) as a classic script defining
    ``window.oxigraph``, with its WebAssembly inlined in base64: a page opened from ``file://``
    may neither load a module script nor fetch the .wasm file beside it. ``oxigraph.init()``
    compiles it (asynchronously: Chromium refuses to compile a large module synchronously)."""
    module = npm_file(*OXIGRAPH_JS).decode("utf-8")
    names = re.findall(r"^export (?:async )?(?:class|function) (\w+)", module, re.MULTILINE)
    if EXPORT_LIST not in module or re.search(r"^import ", module, re.MULTILINE) or not names:
        raise RoadmapError(
            "node_modules/oxigraph/web.js: not the wasm-bindgen module this site knows how to "
            "inline (export list or imports changed): check the pinned version in package.json"
        )
    body = EXPORTED.sub("", module).replace(EXPORT_LIST, "")
    body = body.replace("import.meta.url", "document.baseURI")
    wasm = base64.b64encode(npm_file(*OXIGRAPH_WASM)).decode("ascii")
    exported = ", ".join(names)
    script = (
        "window.oxigraph = (function () {\n"
        f"{body}\n"
        f'const WASM = "{wasm}";\n'
        "function init() {\n"
        "  const bytes = Uint8Array.from(atob(WASM), (c) => c.charCodeAt(0));\n"
        "  return __wbg_init({ module_or_path: bytes });\n"
        "}\n"
        f"return {{ init, {exported} }};\n"
        "})();\n"
    )
    return script.encode("utf-8")


def assets() -> dict[str, bytes]:
    """Every vendored file by its path in the site."""
    files = {target: npm_file(*source) for target, source in ASSETS.items()}
    files["assets/oxigraph.js"] = oxigraph_script()
    return files
