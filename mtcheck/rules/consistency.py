"""Entity-consistency rules (family E): one entity spelled two ways in one article."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity, Suggestion
from mtcheck.lang.frequency import english_zipf
from mtcheck.lang.lexicons import covered, find_phrases
from mtcheck.rules.base import Rule, RuleContext


def _exonym_spans(doc: Document, ctx: RuleContext) -> list[tuple[int, int]]:
    table = ctx.lang.table("exonyms")
    names = [n for kind in ("person", "place", "org", "term") for n in table.get(kind, {})]
    return find_phrases(doc.text, names)


class EntityVariant(Rule):
    """One entity spelled two ways in one article ("Zelensky" and "Zelenskyy", "Kiev" and "Kyiv").

    The spelling groups come from ``data/en/entities.toml``; the minority spelling is flagged
    and the article's majority spelling suggested (the canonical one on a tie). The user's
    glossary ``preferred`` pairs (variant -> preferred) win over both and are flagged wherever
    the variant appears. French exonyms are left to the untranslated rules.
    """

    code = "E001"
    name = "entity-variant"
    category = "entity-consistency"
    severity = Severity.WARNING
    specificity = 65
    bad = ("Zelensky met the chancellor. Later, Zelensky said Zelenskyy had no choice.",)
    good = (
        "Zelenskyy met the chancellor. Later, Zelenskyy said he had no choice.",
        "Kyiv and Kharkiv were shelled overnight, officials in Kyiv said.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        skip = _exonym_spans(doc, ctx)
        preferred = dict(ctx.glossary.preferred)
        for variant, target in preferred.items():
            for start, end in find_phrases(doc.text, [variant]):
                yield self.finding(
                    doc,
                    start,
                    end,
                    f"“{variant}” is spelled “{target}” in the glossary",
                    [Suggestion(target, 0.95)],
                )
        for group in ctx.lang.english_table("entities").get("group", ()):
            forms = [group["canonical"], *group.get("variants", ())]
            if any(f in preferred for f in forms):
                continue
            spans = [(s, e) for s, e in find_phrases(doc.text, forms) if not covered(skip, s, e)]
            counts = Counter(doc.text[s:e] for s, e in spans)
            if len(counts) < 2:
                continue
            glossary_target = next((preferred_form for v, preferred_form in preferred.items() if v in forms), None)
            top = max(counts.values())
            leaders = [f for f in forms if counts.get(f) == top]
            target = glossary_target or (group["canonical"] if group["canonical"] in leaders else leaders[0])
            for start, end in spans:
                form = doc.text[start:end]
                if form != target:
                    yield self.finding(
                        doc,
                        start,
                        end,
                        f"“{form}” is spelled “{target}” elsewhere in the article",
                        [Suggestion(target, 0.8)],
                    )


class NameSpellingVariant(Rule):
    """A name spelled once differently from its other mentions ("Moulinnet" beside "Moulinet").

    Rare capitalised words (not common English words) that differ by one letter, or by a short
    ending, from a name used more often in the article are reported on the minority form.
    Slavic feminine surnames ("Ivanova" beside "Ivanov") are different people and left alone.
    """

    code = "E002"
    name = "name-spelling-variant"
    category = "entity-consistency"
    severity = Severity.WARNING
    specificity = 55
    bad = (
        "Mayor Claire Moulinet opened the hearing. Moulinet denied the charges. "
        "Lawyers for Moulinnet said the case was weak.",
        "The start-up Lumio raised funds. Lumio plans to hire. LumIO will open an office.",
    )
    good = (
        "Polina Ivanova and Sergei Ivanov reported from Moscow. Ivanov added that Ivanova agreed.",
        "Samuel Charap and Keith Kellogg spoke. Charap said Kellogg was right.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        occurrences: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for tok in doc.tokens:
            text = tok.text
            if tok.is_word and text[:1].isupper() and text.isalpha() and len(text) >= 4:
                occurrences[text].append((tok.start, tok.end))
        candidates = list(occurrences)
        by_prefix: dict[str, list[str]] = defaultdict(list)  # close names share their first three letters
        for name in candidates:
            by_prefix[name[:3].lower()].append(name)
        paired = {a for group in by_prefix.values() for a in group for b in group if a != b and self._close(a, b)}
        names = [n for n in candidates if n in paired and english_zipf(n.lower(), ctx.lang.code) < 2.5]
        named = defaultdict(list)
        for n in names:
            named[n[:3].lower()].append(n)
        for minor in names:
            best = None
            for major in named[minor[:3].lower()]:
                if major == minor or len(occurrences[major]) <= len(occurrences[minor]):
                    continue
                if self._close(minor, major):
                    best = major if best is None or len(occurrences[major]) > len(occurrences[best]) else best
            if best is None:
                continue
            for start, end in occurrences[minor]:
                yield self.finding(
                    doc,
                    start,
                    end,
                    f"“{minor}” looks like a misspelling of “{best}”, used elsewhere in the article",
                    [Suggestion(best, 0.7)],
                )

    @staticmethod
    def _close(a: str, b: str) -> bool:
        if a.lower() == b.lower():
            return True
        short, long_ = sorted((a, b), key=len)
        if long_ == short + "a" or long_ == short + "s" or long_ == short + "i":
            return False
        if len(short) < 5 or short[:3] != long_[:3]:
            return False
        if long_.startswith(short) and len(long_) - len(short) <= 2:
            return True
        return _edit_distance(a, b) == 1


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


RULES: tuple[Rule, ...] = (EntityVariant(), NameSpellingVariant())
