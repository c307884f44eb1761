"""Progress bars for the long stages (on standard error, and only when it is a terminal)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


@contextmanager
def bar(label: str, total: int | None = None, unit: str = "rows") -> Iterator[tqdm]:
    """A bar to `.update(n)`; silent when standard error is not a terminal (tests, logs)."""
    with tqdm(total=total, desc=label, unit=f" {unit}", unit_scale=True, disable=None,
              leave=False, dynamic_ncols=True) as shown:  # fmt: skip
        yield shown


def each(items: Iterable[T], label: str, total: int | None = None, unit: str = "") -> Iterator[T]:
    """`items`, with a bar that counts them."""
    with bar(label, total, unit) as shown:
        for item in items:
            yield item
            shown.update(1)
