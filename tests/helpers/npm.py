"""The files of npm packages the package ships and copies: (package, file inside it)."""

from __future__ import annotations

from roadmapkg import paths


def npm_files() -> set[tuple[str, str]]:
    """The network view's cytoscape.js, and the site's vendored files and country outlines."""
    from roadmapkg.site import mappage, vendor

    package, *name = paths.CYTOSCAPE_JS.relative_to(paths.ROOT / "node_modules").parts
    return {
        *vendor.ASSETS.values(),
        vendor.OXIGRAPH_JS,
        vendor.OXIGRAPH_WASM,
        mappage.WORLD_ATLAS,
        (package, "/".join(name)),
    }
