"""Generate ``mtcheck/data/fr/french_forms.txt``: inflected French word forms never English.

A form is listed when it is a common French word (wordfreq zipf in French >= FR_MIN), all
letters, lower case, at least MIN_LENGTH long, essentially absent from English (zipf in
English < EN_MAX and at least MARGIN below its French zipf), and not allowed elsewhere: the
words of the loanword phrases English keeps (``loanwords.toml``), the place names English
keeps (``places.toml`` [keep]), the words already glossed by ``french_words.toml`` (rule U002
handles them) and the ALLOW list below (French words English texts use as names or terms).

Run ``python scripts/build_french_forms.py`` (``--check`` verifies the committed file).
The rule that reads the list is X001 french-word-form (mtcheck/rules/knowledge.py).
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
import unicodedata
from importlib.metadata import version
from pathlib import Path

from wordfreq import iter_wordlist, zipf_frequency

DATA = Path(__file__).resolve().parent.parent / "mtcheck" / "data" / "fr"
OUT = DATA / "french_forms.txt"
FR_MIN = 3.3
EN_MAX = 1.0
"""wordfreq lists English words down to about zipf 1: below it, a word is not in English use at
all (loanwords English has adopted, such as 'banlieue' or 'flâneur', sit between 1 and 2)."""
MARGIN = 2.5
MIN_LENGTH = 4
_WORD = re.compile(r"[a-zàâäçéèêëîïôöùûüÿœæ]+(?:'[a-zàâäçéèêëîïôöùûüÿœæ]+)?")

ALLOW = frozenset(
    """
    paris lyon nantes rennes lille reims toulon brest tours angers metz nancy rouen caen nice
    pierre jean jacques louis françois michel philippe nicolas marie anne sophie isabelle
    laurent olivier julien thierry didier bernard gérard rené andré hélène claude françoise
    dominique emmanuel macron sarkozy hollande chirac mitterrand giscard pompidou gaulle
    jeanne jacqueline monique nathalie valérie sylvie catherine christophe stéphane sébastien
    frédéric guillaume antoine mathieu matthieu benoît rémi jérôme cédric clément théo léa chloé
    élisabeth borne attal barnier bayrou mélenchon zemmour pécresse hidalgo darmanin véran
    lemaire retailleau bardella ciotti wauquiez estrosi dati lagarde villepin jospin juppé
    raffarin fillon valls cazeneuve ayrault castex philippe baroin
    renault peugeot citroën michelin danone carrefour auchan leclerc total airbus thales safran
    dassault lvmh hermès kering chanel dior vuitton orange sncf ratp edf engie vinci bouygues
    lagardère vivendi publicis sanofi axa bnp société générale crédit agricole
    monde figaro libération humanité parisien échos express obs marianne canard enchaîné
    jeune afrique mediapart france télévisions
    élysée matignon bercy beauvau orsay sénat assemblée
    jeté jetés dessous dessus frappé frappés coupé coupés glissade glissades manège manèges
    pirouette pirouettes arabesque plié pliés relevé relevés battement battements fouetté
    fouettés sauté sautés entrechat tendu tendus développé chassé chassés pointe pointes
    enceinte enceintes coureurs voyageurs habitants seigneurie seigneuries
    """.split()
)
"""French words English texts use as names or as terms of an art (ballet steps, the
fortification 'enceinte', the 'coureurs des bois' of New France): never listed."""


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).casefold()


def _allowed_words() -> set[str]:
    words = set(ALLOW)
    loans = tomllib.loads((DATA / "loanwords.toml").read_text(encoding="utf-8"))
    for phrase in loans.get("phrases", []):
        words.update(w.lower() for w in re.findall(r"[\w'’]+", phrase))
    places = tomllib.loads((DATA / "places.toml").read_text(encoding="utf-8"))
    for names in places.get("keep", {}).values():
        for name in names:
            words.update(w.lower() for w in re.findall(r"[\w'’]+", name))
    glossed = tomllib.loads((DATA / "french_words.toml").read_text(encoding="utf-8"))
    words.update(w.lower() for w in glossed.get("words", {}))
    words.update(w.lower() for w in glossed.get("contextual", {}))
    exonyms = tomllib.loads((DATA / "exonyms.toml").read_text(encoding="utf-8"))
    for kind in ("person", "place", "org", "term"):
        for name in exonyms.get(kind, {}):
            words.update(w.lower() for w in re.findall(r"[\w'’]+", name))
    return words | {_fold(w) for w in words}


def forms() -> list[str]:
    """The sorted French forms that pass every test of the module docstring."""
    allowed = _allowed_words()
    out = []
    for word in iter_wordlist("fr"):
        fr = zipf_frequency(word, "fr")
        if fr < FR_MIN:
            break
        if len(word) < MIN_LENGTH or not _WORD.fullmatch(word) or "'" in word:
            continue
        if word in allowed or _fold(word) in allowed:
            continue
        en = zipf_frequency(word, "en")
        if en >= EN_MAX or fr - en < MARGIN:
            continue
        # the accent-less spelling must not be English either ("resume" for "résumé")
        folded = _fold(word)
        if folded != word and zipf_frequency(folded, "en") >= EN_MAX:
            continue
        out.append(word)
    return sorted(set(out))


def render() -> str:
    """The text of french_forms.txt."""
    lines = [
        "# Inflected French word forms that are never English words (rule X001 french-word-form).",
        f"# Generated by scripts/build_french_forms.py from wordfreq {version('wordfreq')}; do not edit by hand.",
        f"# Criteria: French zipf >= {FR_MIN}, English zipf < {EN_MAX} and at least {MARGIN} below the French,",
        f"# at least {MIN_LENGTH} letters, not a loanword, kept place name, glossed word or listed name.",
        "# Source: wordfreq (Apache-2.0 code; data CC BY-SA 4.0, see its README) — word lists, facts only.",
    ]
    return "\n".join(lines + forms()) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check verify) the generated file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed file differs")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date; run scripts/build_french_forms.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10)) - 5} forms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
