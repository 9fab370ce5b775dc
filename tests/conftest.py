from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "src" / "sitroom" / "demo" / "corpus"
SHARED_DATA = ROOT.parent / "shared" / "data"
KEPT_VARIABLES = {"SITROOM_REQUIRE_BROWSER", "SITROOM_SCREENSHOT"}
"""SITROOM_* variables that steer the tests themselves, not sitroom's settings (CI sets the first on purpose)."""


def _forget_user_settings(patch: pytest.MonkeyPatch, config_home: Path) -> None:
    for name in [name for name in os.environ if name.startswith("SITROOM_") and name not in KEPT_VARIABLES]:
        patch.delenv(name)
    patch.setenv("XDG_CONFIG_HOME", str(config_home))


@pytest.fixture(scope="session", autouse=True)
def no_user_settings_in_shared_fixtures(tmp_path_factory):
    """The same for module-scoped fixtures, which are set up before a test's own fixtures."""
    with pytest.MonkeyPatch.context() as patch:
        _forget_user_settings(patch, tmp_path_factory.mktemp("xdg-config"))
        yield


@pytest.fixture(autouse=True)
def no_user_settings(monkeypatch, tmp_path_factory):
    """Every test runs without the developer's settings: no SITROOM_* variable and an empty config folder
    of its own (no user sitroom.toml). A test that needs a setting sets it itself."""
    _forget_user_settings(monkeypatch, tmp_path_factory.mktemp("xdg-config"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"
