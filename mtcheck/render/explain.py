"""Plain-language explanations of findings and readable names for punctuation edits.

The review page, the HTML report and the language server show editors what is wrong, what
English news uses instead, where the finding comes from and how sure it is, without jargon
such as log-probabilities. Replacements made of quote marks and spaces are unreadable on
screen ("“””"), so :func:`describe_change` names the marks.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from mtcheck.findings import Finding
from mtcheck.origin import Origin, origin_of_code

MARK_NAMES: dict[str, str] = {
    "«": "French opening guillemet «",
    "»": "French closing guillemet »",
    "‹": "single opening guillemet ‹",
    "›": "single closing guillemet ›",
    "“": "English opening quote “",
    "”": "English closing quote ”",
    "‘": "English opening single quote ‘",
    "’": "apostrophe / closing single quote ’",
    '"': 'straight double quote "',
    "'": "straight apostrophe '",
    "„": "low opening quote „",
    "\u00a0": "no-break space",
    "\u202f": "narrow no-break space",
    "\u2009": "thin space",
    " ": "space",
    "\t": "tab",
    "\n": "line break",
    "-": "hyphen -",
    "–": "en dash –",
    "—": "em dash —",
    "…": "ellipsis …",
    ";": "semicolon ;",
    ":": "colon :",
    ",": "comma ,",
    ".": "full stop .",
    "!": "exclamation mark !",
    "?": "question mark ?",
    "¿": "inverted question mark ¿",
    "¡": "inverted exclamation mark ¡",
    "%": "per cent sign %",
}
"""Readable names of the marks that typography findings add, remove or replace."""


def origin_of(finding: Finding) -> Origin:
    """Whether ``finding`` comes from a hand-written rule, a language table, the model or the source check."""
    return origin_of_code(finding.code)


def _is_mark_text(text: str) -> bool:
    return bool(text) and all(not ch.isalnum() for ch in text)


def name_marks(text: str) -> str:
    """``text`` spelled out mark by mark when it is punctuation or spacing ("nothing" when empty)."""
    if not text:
        return "nothing"
    if not _is_mark_text(text):
        return f"“{text}”"
    names = []
    for ch in text:
        names.append(MARK_NAMES.get(ch) or unicodedata.name(ch, f"U+{ord(ch):04X}").lower())
    return " + ".join(names)


def describe_change(original: str, replacement: str) -> str:
    """A readable account of replacing ``original`` by ``replacement``.

    Punctuation and spaces are named ("French closing guillemet » → English closing quote ”");
    when both sides share a prefix and suffix of letters only the differing marks are named.
    """
    if replacement == "":
        return f"delete {name_marks(original)}"
    if original == "":
        return f"insert {name_marks(replacement)}"
    lo = 0
    while lo < min(len(original), len(replacement)) and original[lo] == replacement[lo]:
        lo += 1
    hi = 0
    while hi < min(len(original), len(replacement)) - lo and original[-1 - hi] == replacement[-1 - hi]:
        hi += 1
    old, new = original[lo : len(original) - hi], replacement[lo : len(replacement) - hi]
    if (_is_mark_text(old) or not old) and (_is_mark_text(new) or not new) and (old or new):
        if not new:
            return f"delete {name_marks(old)}"
        if not old:
            return f"insert {name_marks(new)}"
        return f"{name_marks(old)} → {name_marks(new)}"
    return f"“{original}” → “{replacement}”"


def certainty(confidence: float) -> str:
    """A word for a confidence in [0, 1]."""
    if confidence >= 0.9:
        return "almost certain"
    if confidence >= 0.7:
        return "likely"
    if confidence >= 0.5:
        return "possible"
    return "unsure"


_ORIGIN_TEXT = {
    Origin.RULE: "a rule",
    Origin.TABLE: "the language tables",
    Origin.MODEL: "the language model",
    Origin.SOURCE: "the comparison with the source",
}


@dataclass(frozen=True)
class Explanation:
    """What an editor reads about one finding."""

    what: str
    instead: str
    origin: Origin
    certainty: str
    confidence: float

    def as_dict(self) -> dict[str, object]:
        """The explanation as JSON-ready data."""
        return {
            "what": self.what,
            "instead": self.instead,
            "origin": self.origin.value,
            "certainty": self.certainty,
            "confidence": round(self.confidence, 4),
            "summary": self.summary,
        }

    @property
    def summary(self) -> str:
        """One sentence: what, instead, from where and how sure."""
        return f"{self.what}. {self.instead}. Found by {_ORIGIN_TEXT[self.origin]} ({self.certainty})."


def explain(finding: Finding) -> Explanation:
    """The plain-language explanation of ``finding``."""
    best = finding.best
    if best is None:
        instead = "No automatic fix: rewrite it by hand"
        confidence = 0.5
    else:
        instead = "Use instead: " + describe_change(finding.text, best.replacement)
        confidence = best.confidence
    what = finding.message.rstrip(".") or finding.rule
    return Explanation(what, instead, origin_of(finding), certainty(confidence), confidence)
