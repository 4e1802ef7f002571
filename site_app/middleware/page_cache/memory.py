"""The page cache's in-process store: at most N pages, each for at most S seconds."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Any

from cachelib import BaseCache
from cachetools import LRUCache


class MemoryStore(BaseCache):
    """cachelib's interface over a cachetools LRUCache, so either store fits the middleware.

    When full, the page read longest ago makes room, in constant time. Each page carries
    the moment it expires, checked when it is read; an expired page is replaced when the
    page is stored again, or makes room like any other. cachetools' TTLCache does this
    with bookkeeping of its own that costs more than the rest of a page served from the
    cache (docs/performance.md). The lock is for threaded servers (the development
    server); gunicorn's sync workers have one thread each.
    """

    def __init__(self, entries: int, seconds: int) -> None:
        super().__init__(default_timeout=seconds)
        self.pages: LRUCache[str, tuple[float, Any]] = LRUCache(maxsize=entries)
        self.lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self.lock:
            kept = self.pages.get(key)
        if kept is None or kept[0] <= time.monotonic():
            return None
        return kept[1]

    def set(self, key: str, value: Any, timeout: int | timedelta | None = None) -> bool:
        # Every page lives the same time, PAGE_CACHE_SECONDS; the middleware passes none.
        with self.lock:
            self.pages[key] = (time.monotonic() + self.default_timeout, value)
        return True

    def __len__(self) -> int:
        return len(self.pages)
