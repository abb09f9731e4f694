"""Source-aware checking: the French original beside its English translation.

:func:`build_context` aligns the two texts into a :class:`SourceContext` that source-aware
rules (``needs = {"source"}``) read; :mod:`mtcheck.source.bilingual` reads XLIFF, PO, TMX and
subtitle pairs; :mod:`mtcheck.source.check` checks a pair or a bilingual file end to end.
"""

from mtcheck.source.align import AlignedPair
from mtcheck.source.context import SourceContext, build_context

__all__ = ["AlignedPair", "SourceContext", "build_context"]
