"""sitroom: saved news and analysis pages about armed conflict in, cited and cross-checked event data out."""

__version__ = "0.1.0"
