"""Casing of official titles (C003): "Prime minister", "foreign Minister", mixed styles in one article."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity, Suggestion
from mtcheck.lang.lexicons import find_phrases
from mtcheck.rules.base import Rule, RuleContext


class TitleCasing(Rule):
    """An official title with mixed casing ("Prime minister", "foreign Minister").

    House style writes titles either in capitals ("Prime Minister") or in lower case ("prime
    minister"); a mix is a translation slip. Titles come from ``data/en/casing.toml``. Two
    styles of one title in the same role (both before a name, or both standing alone) in one
    article are reported too, on the minority form.
    """

    code = "C003"
    name = "title-casing"
    category = "casing"
    severity = Severity.WARNING
    specificity = 60
    bad = (
        "The foreign Minister met his counterpart.",
        "He met the prime Minister in London.",
    )
    good = (
        "The Prime Minister met the foreign minister in London.",
        "Prime minister Jane Doe and the prime minister of Spain spoke.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        phrases = ctx.lang.english_table("casing").get("title_phrases", ())
        by_lower = {p.lower(): p for p in phrases}
        seen: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
        for start, end in find_phrases(doc.text, list(phrases), ignore_case=True):
            text = doc.text[start:end]
            house = by_lower[text.lower()]
            words = text.split()
            role = "name" if re.match(r"\s+[A-Z][a-z]", doc.text[end : end + 3]) else "alone"
            sentence = doc.sentence_at(start)
            initial = sentence is not None and sentence.start == start
            rest = words[1:] if initial else words
            caps = [w[:1].isupper() for w in rest if w.lower() not in ("of", "the")]
            if caps and all(caps) and (len(rest) == len(words) or words[0][:1].isupper()):
                style = "upper"
            elif not any(caps):
                style = "lower"
            else:
                yield self.finding(
                    doc,
                    start,
                    end,
                    f"Mixed casing in the title “{text}”",
                    [Suggestion(house, 0.6), Suggestion(house.lower(), 0.4)],
                )
                continue
            seen.setdefault((house, role), []).append((start, end, style))
        for (house, _), spans in seen.items():
            styles = Counter(style for *_, style in spans)
            if len(styles) < 2:
                continue
            (major, n1), (minor, n2) = styles.most_common(2)
            if n1 == n2:
                continue
            target = house if major == "upper" else house.lower()
            for start, end, style in spans:
                if style == minor:
                    sentence = doc.sentence_at(start)
                    fix = target if not (sentence and sentence.start == start) else target[:1].upper() + target[1:]
                    yield self.finding(
                        doc,
                        start,
                        end,
                        f"“{doc.text[start:end]}” is cased differently elsewhere in the article",
                        [Suggestion(fix, 0.6)],
                        severity=Severity.INFO,
                    )
