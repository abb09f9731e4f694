"""Allow ``python -m mtcheck``."""

from mtcheck.cli.entry import run

run()
