"""The page cache's in-process store: at most N pages, each for at most S seconds."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

from cachelib import BaseCache
from cachetools import TTLCache


class MemoryStore(BaseCache):
    """cachelib's interface over a cachetools TTLCache, so either store fits the middleware.

    TTLCache drops the oldest entry in constant time when full. The lock is for threaded
    servers (the development server); gunicorn's sync workers have one thread each.
    """

    def __init__(self, entries: int, seconds: int) -> None:
        super().__init__(default_timeout=seconds)
        self.pages: TTLCache[str, Any] = TTLCache(maxsize=entries, ttl=seconds)
        self.lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self.lock:
            return self.pages.get(key)

    def set(self, key: str, value: Any, timeout: int | timedelta | None = None) -> bool:
        # Every page lives the same time, the TTLCache's one ttl; the middleware passes none.
        with self.lock:
            self.pages[key] = value
        return True

    def __len__(self) -> int:
        return len(self.pages)
