"""`python -m sitroom.cli`: the same as the `sitroom` command."""

from . import main

main()
