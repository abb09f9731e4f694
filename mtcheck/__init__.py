"""mtcheck: find and fix translation artifacts in machine-translated English news."""

__version__ = "0.2.0"
