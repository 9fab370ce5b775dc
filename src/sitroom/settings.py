"""sitroom's settings, built once and passed down: defaults < sitroom.toml < SITROOM_* environment < flags.

`sitroom.toml` is read from the user's config folder ($XDG_CONFIG_HOME/sitroom or ~/.config/sitroom), then
from the current folder (the nearer file wins key by key); both are optional. This is the one module that
reads the environment: every other module takes what it needs as an argument.

    db = "mali.duckdb"
    kb = ["~/actors/sahel.yaml"]
    spacy_model = "en_core_web_trf"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from .errors import SettingsError

CONFIG_NAME = "sitroom.toml"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_DB = "sitroom.duckdb"


def user_config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "sitroom"


def config_files() -> list[Path]:
    """The sitroom.toml files read, lowest priority first."""
    return [user_config_dir() / CONFIG_NAME, Path.cwd() / CONFIG_NAME]


def _default_cache() -> Path:
    return Path(os.path.expanduser("~")) / ".cache" / "sitroom"


class Settings(BaseSettings):
    """Everything a run can be told from outside. Immutable: build a new one to change a value."""

    model_config = SettingsConfigDict(env_prefix="SITROOM_", frozen=True, extra="forbid", env_ignore_empty=True)

    db: str = Field(DEFAULT_DB, min_length=1, description="DuckDB file the commands read and write.")
    kb: Annotated[tuple[str, ...], NoDecode] = Field((), description="Extra actor files (YAML); in the environment, paths separated by ':'.")
    spacy_model: str | None = Field(None, description="An installed spaCy English pipeline to use instead of en_core_web_sm.")
    cache: Path = Field(default_factory=_default_cache, description="Folder for downloads (GeoNames dumps).")
    batch_size: int = Field(50, ge=1, description="Pages written to the store per transaction.")

    @field_validator("kb", mode="before")
    @classmethod
    def _paths(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [p for p in value.split(os.pathsep) if p]
        return tuple(os.path.expanduser(p) for p in value) if isinstance(value, (list, tuple)) else value

    @field_validator("db", mode="after")
    @classmethod
    def _home(cls, value: str) -> str:
        return os.path.expanduser(value)

    @field_validator("cache", mode="after")
    @classmethod
    def _home_folder(cls, value: Path) -> Path:
        return value.expanduser()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=config_files()))

    @classmethod
    def load(cls, **flags: Any) -> Settings:
        """Settings from every layer, with the flags a command was given (None means 'not given').
        Actor files add up: --kb files are read after those of the lower layers."""
        given = {name: value for name, value in flags.items() if value is not None and value != ()}
        extra_kb = tuple(given.pop("kb", ()))
        try:
            settings = cls(**given)
        except tomllib.TOMLDecodeError as error:
            raise SettingsError(code="E103", files=", ".join(str(p) for p in config_files() if p.exists()), reason=str(error)) from None
        except ValidationError as error:
            problems = "; ".join(f"{'.'.join(str(x) for x in e['loc']) or 'settings'}: {e['msg']}" for e in error.errors())
            raise SettingsError(code="E104", reason=problems) from None
        return settings.model_copy(update={"kb": settings.kb + extra_kb}) if extra_kb else settings


@dataclass(frozen=True)
class ReadOptions:
    """How pages are read (sitroom ingest's --max-bytes, --timeout, --allow-private); built once and never
    changed. Here beside Settings so front ends can name the defaults without loading the readers."""

    max_bytes: int = DEFAULT_MAX_BYTES
    allow_private: bool = False
    timeout: float = 20.0
