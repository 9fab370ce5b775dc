"""Readers that yield Pages: files, folders, globs, stdin, JSON Lines, http(s) URLs."""

from ..settings import ReadOptions
from .decode import decode, make_page, page_from_bytes
from .readers import expand, read_sources

__all__ = ["ReadOptions", "decode", "expand", "make_page", "page_from_bytes", "read_sources"]
