"""The language layer. For now: finding and loading the spaCy English pipeline."""
