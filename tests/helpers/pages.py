"""Pages in a browser: headless Chromium, and the data block of a network view as an HTML5
parser reads it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from .outside import require_binary


def chromium(url: str, profile: Path, *options: str) -> subprocess.CompletedProcess:
    """Headless Chromium on `url` (options such as --dump-dom or --screenshot=F)."""
    program = require_binary("chromium")
    return subprocess.run(
        [
            program, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", *options, url,
        ],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


# A label that once ended the JSON block of the network views (`<!--<script>` puts an HTML5
# parser in a state where `</script>` no longer closes the element), so nothing on them ran.
HOSTILE_LABEL = "Europol <!--<script>alert(1)</script> & co"


def view_data(page: str) -> tuple[object, int]:
    """The JSON of a network view page's <script id="data"> as an HTML5 parser (html5lib,
    which parses as browsers do) reads it, and how many script elements the page has."""
    import html5lib

    document = html5lib.parse(page, namespaceHTMLElements=False)
    scripts = document.findall(".//script")
    (data,) = [script for script in scripts if script.get("id") == "data"]
    return json.loads(data.text), len(scripts)
