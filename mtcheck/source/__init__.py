"""Source-aware checking: the French original beside its English translation.

:func:`build_context` aligns the two texts into a :class:`SourceContext` that source-aware
rules (``needs = {"source"}``) read; :mod:`mtcheck.source.bilingual` reads XLIFF, PO, TMX and
subtitle pairs; :mod:`mtcheck.source.check` checks a pair or a bilingual file end to end.
Names are imported on first use: every command imports this package, few use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mtcheck.source.align import AlignedPair
    from mtcheck.source.context import SourceContext, build_context

__all__ = ["AlignedPair", "SourceContext", "build_context"]


def __getattr__(name: str) -> Any:
    if name == "AlignedPair":
        from mtcheck.source.align import AlignedPair

        return AlignedPair
    if name in ("SourceContext", "build_context"):
        from mtcheck.source import context

        return getattr(context, name)
    raise AttributeError(name)
