"""Every test runs with its own empty cache directory: no test reads the user's cache,
and none leaves entries in it."""

import pytest


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("DERIVE_NO_CACHE", raising=False)
