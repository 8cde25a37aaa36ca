"""Pausing Python's cyclic garbage collector around bulk loads.

Loading a graph makes millions of objects and no garbage: the cyclic collector
would only rescan them again and again (a large share of load time at national
scale). Every bulk path (the embedded engine's load, the snapshot reader, the
RDF bulk loader) pauses it with :func:`collector_paused`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """Pause the collector for the block, restoring its state afterwards.

    With ``freeze`` the objects alive at the end are moved out of the collector's
    later full passes (:func:`gc.freeze`): right for data held for the life of the
    process, such as a loaded engine.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()
