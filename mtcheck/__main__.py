"""Allow ``python -m mtcheck``."""

from mtcheck.cli import main

main()
