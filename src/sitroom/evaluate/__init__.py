"""Scoring sitroom against labelled data: its own labelled pages and public extraction corpora."""
