"""The hand-annotated mtcheck corpus: parsing, validation, loading and building.

The source of truth is ``corpus/annotated/<id>.txt``: a small header followed by the
machine-translated (MT) article with every translation artifact marked inline as
``[[original=>fix|category]]`` or ``[[original=>fix|category|note]]``.  The built form,
``corpus/docs/<id>.json``, stores the bare MT text, the corrected reference and the
artifacts as code-point offsets into the MT text.  See ``corpus/README.md`` for the format.

Command line (stdlib only)::

    python -m mtcheck.corpus build corpus/   # regenerate docs/*.json and splits.json
    python -m mtcheck.corpus check corpus/   # validate, and verify the built files are current

This module has no third-party dependencies and never prints except from the command line
entry point.
"""

from __future__ import annotations

from mtcheck.corpus.annotated import apply_artifacts, parse_annotated, render_annotated, validate
from mtcheck.corpus.build import build_corpus, check_corpus, main
from mtcheck.corpus.documents import (
    CATEGORIES,
    HEADER_KEYS,
    KINDS,
    SPLITS,
    Artifact,
    CorpusDocument,
    RealSegment,
    document_from_dict,
    document_to_dict,
    load_corpus,
    load_realdata,
    render_document_json,
)

__all__ = [
    "CATEGORIES",
    "HEADER_KEYS",
    "KINDS",
    "SPLITS",
    "Artifact",
    "CorpusDocument",
    "RealSegment",
    "apply_artifacts",
    "build_corpus",
    "check_corpus",
    "document_from_dict",
    "document_to_dict",
    "load_corpus",
    "load_realdata",
    "main",
    "parse_annotated",
    "render_annotated",
    "render_document_json",
    "validate",
]
