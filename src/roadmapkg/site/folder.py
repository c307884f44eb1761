"""The site's folder: written whole into a new folder beside the old one, then swapped in, and
only over a folder that a site build wrote (its marker file) or an empty one."""

from __future__ import annotations

from pathlib import Path

from ..errors import RoadmapError
from ..files.folders import inside, staged_folder

MARKER = ".roadmapkg-site"  # marks a folder as a site this command may replace


def check_target(target: Path) -> None:
    """Refuse a file, or a folder that holds something other than a site this command wrote."""
    if target.exists() and not target.is_dir():
        raise RoadmapError(f"{target}: is a file, not a folder for the site")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise RoadmapError(
            f"{target}: not empty and not a roadmapkg site (no {MARKER}): give a new or empty "
            "folder"
        )


def write_tree(files: dict[str, bytes], target: Path) -> None:
    """Write the files into a new folder beside `target`, then swap it in for `target` (see
    `folders.staged_folder`: the old site stays whole until the new one is complete)."""
    check_target(target)
    with staged_folder(target) as staging:
        targets = {inside(staging, name): content for name, content in files.items()}
        for path, content in sorted(targets.items()):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        (staging / MARKER).write_text("written by roadmapkg site; replaced on the next build\n")
