"""The knowledge the language layer stands on: actors (YAML), countries and places (TSV, GeoNames)."""
