"""Per-sentence signals the source-aware rules compare: names, negation, placeholders, words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mtcheck.source.lexicon import FR_FUNCTION_WORDS, WORD_RE, exonyms, fold, name_renderings, source_checks, word_pairs
from mtcheck.source.names import institution_head

_FR_NEG_AFTER_NE = re.compile(
    r"\b(?:ne|n[’'])\s*(?:[\w’'-]+\s+){0,4}?"
    r"(?:pas|plus(?!\s+(?:que|qu[’']))|jamais|rien|personne|aucun|aucune|guère|nullement|point|ni)\b",
    re.IGNORECASE,
)
_FR_NEG_WORDS = (
    r"\bsans\b(?![-\s]+(?:{sans_idioms})\b)|\baucune?\b"
    r"|(?<!que )\bjamais\b|\bnon\b(?=\s*[,.!?»”]|$)|(?<=\bet )non\b|(?<=\bmais )non\b|\bnon\s+pas\b"
)
# A negative subject before its "ne": « rien dans le dossier » ne prouvait, personne n'a vu.
_FR_NEG_SUBJECT = re.compile(
    r"(?<!\bune )(?<!\bla )\b(?:rien|personne|nul|nulle|aucun|aucune|ni)\b[^.;!?,]{0,60}?\b(n(?:e\b|[’']))",
    re.IGNORECASE,
)
_EN_NEG = re.compile(
    r"\b(?:not|never|no(?!-\w)|without|nobody|nothing|none|neither|nor|cannot|nowhere|no-one)\b|n[’']t\b",
    re.IGNORECASE,
)
PLACEHOLDER_RE = re.compile(
    r"https?://[^\s<>\"»”)]+[^\s<>\"»”).,;:!?]"
    r"|www\.[^\s<>\"»”)]+[^\s<>\"»”).,;:!?]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w@])@\w{2,}"
    r"|\{\{\s*\w+\s*\}\}|\{\w*\}|%(?:\(\w+\))?[sdif]|%\d+\$?[sd]?|\$\{\w+\}"
)

_NAME_WORD_RE = re.compile(r"[^\W\d_](?:[\w-]*[^\W_])?")
_ACRONYM_RE = re.compile(r"\b[A-Z][A-Z0-9]{1,6}\b")
_TITLE_WORDS = frozenset({"m", "mm", "mme", "mmes", "mlle", "dr", "me", "pr", "st", "ste"})
_ADJECTIVE_AFTER = re.compile(
    r"\s+[a-zéèê]\w*(?:al|ale|aux|ales|el|elle|ier|ière|aire|ique|if|ive|ien|ienne|ais|aise|ain|aine|eur|ieure|ial|iale)\b"
)
_ROMAN_ORDINAL = re.compile(r"[IVXLC]+(?:e|è|ème|er)")
_STARTERS = re.compile(r"(?:^|[.!?«“\"(:—–-]\s*)$")


@dataclass(frozen=True)
class Name:
    """A name of the source sentence and the English forms that render it."""

    start: int
    end: int
    text: str
    expected: tuple[str, ...]


def french_negations(text: str, lang: str = "fr") -> int:
    """How many negations a French sentence has (ne … pas/jamais/plus/rien, sans, aucun, jamais,
    "pas" without "ne" and "ne" without "pas": ``french_without_pas`` of ``source_checks.toml``)."""
    ever = [m.span() for m in _negation_renderings(lang)[3].finditer(text)]  # negating nothing, "jamais" = ever
    spans = [
        m.span() for m in _FR_NEG_AFTER_NE.finditer(text) if not any(s < m.end() and m.start() < e for s, e in ever)
    ]
    _, _, _, _, without_pas, _, words = _lexical_negatives(lang)
    # negative concord: "aucun … n'a jamais" is one negation, its "aucun" goes with the "ne"
    concord = {m.start() for m in _FR_NEG_SUBJECT.finditer(text) if any(s == m.start(1) for s, _ in spans)}
    extra = [
        m for m in words.finditer(text)
        if not any(s <= m.start() < e for s, e in spans + ever) and m.start() not in concord
    ]
    extra += [m for m in without_pas.finditer(text) if not any(s <= m.start() < e for s, e in spans)]
    subjects = [
        m for m in _FR_NEG_SUBJECT.finditer(text)
        if not any(s <= m.start() < e or s == m.start(1) for s, e in spans)  # "rien ne va plus": one
        and not m.group().lower().startswith("aucun")  # counted once, as a negative word
    ]
    return len(spans) + len(extra) + len(subjects)


def french_negated(text: str) -> bool:
    """Whether a French sentence is negated."""
    return french_negations(text) > 0


def english_negations(text: str, lang: str = "fr") -> list[tuple[int, int]]:
    """Spans of English negators (not, n't, never, no, without, …; not "no-" compounds nor
    the phrases that negate nothing: not only, no doubt, No 1 — ``english_not_negations``)."""
    idioms = [m.span() for m in _lexical_negatives(lang)[5].finditer(text)]
    return [m.span() for m in _EN_NEG.finditer(text) if not any(s <= m.start() < e for s, e in idioms)]


@lru_cache(maxsize=4)
def _lexical_negatives(lang: str) -> tuple:
    """The negation entries of ``source_checks.toml`` compiled: French and English lexical
    negatives, English prefixes and suffixes, French negations without "ne … pas", English
    phrases that negate nothing, French negative words."""
    table = source_checks(lang).get("negation", {})

    def words(key: str) -> re.Pattern:
        alternatives = "|".join(table.get(key, ())) or r"(?!x)x"
        return re.compile(rf"(?<!\w)(?:{alternatives})(?:(?<=[’'])|(?!\w))", re.IGNORECASE)

    without_pas = re.compile("|".join(table.get("french_without_pas", ())) or r"(?!x)x", re.IGNORECASE)
    fr_words = re.compile(_FR_NEG_WORDS.format(sans_idioms="|".join(table.get("sans_idioms", ())) or "(?!x)x"), re.IGNORECASE)
    return (words("french_lexical"), words("english_lexical"),
            tuple(table.get("english_prefixes", ())), tuple(table.get("english_suffixes", ())), without_pas,
            words("english_not_negations"), fr_words)


def english_negative_words(text: str, lang: str = "fr") -> int:
    """How many words with a negative meaning but no negator (failed, hardly, unambitious,
    jobless…: ``[negation]`` of ``source_checks.toml``)."""
    return len(_english_negative_matches(text, lang))


def _english_negative_matches(text: str, lang: str) -> list[str]:
    _, english, prefixes, suffixes, *_ = _lexical_negatives(lang)
    found = [m.group() for m in english.finditer(text)]
    for m in re.finditer(r"[A-Za-z][A-Za-z-]+", text):
        w = m.group().lower()
        if english.fullmatch(w):
            continue
        if any(w.startswith(p) and _common_english(w[len(p):], 5) for p in prefixes) or any(
            w.endswith(x) and _common_english(w[: -len(x)], 3) for x in suffixes
        ):
            found.append(m.group())
    return found


def unpaired_negative_renderings(source: str, target: str, lang: str = "fr") -> int:
    """How many English negative, converse or restrictive words of ``target`` (failed, barred,
    less than…) are not the cognate of a French negative word of ``source`` ("illégales" ->
    "illegal" renders that word, not a lost "ne … pas")."""
    french = {fold(m.group())[:5] for m in _lexical_negatives(lang)[0].finditer(source)}
    english = _english_negative_matches(target, lang) + [m.group() for m in _negation_renderings(lang)[0].finditer(target)]
    return sum(fold(w)[:5] not in french for w in english)


@lru_cache(maxsize=8192)
def _common_english(word: str, min_len: int) -> bool:
    """A common English word of ``min_len`` letters or more (the rest of "un-ambitious", "job-less")."""
    from mtcheck.lang.frequency import zipf_frequency

    return len(word) >= min_len and zipf_frequency(word, "en") >= 3.0


@lru_cache(maxsize=4)
def _negation_renderings(lang: str) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """English converses and affirmations of ``[negation]`` compiled, the French "sans"
    idioms (a "sans" English may render with "without" or without a negator) and the bare
    "jamais" that means "ever"."""
    table = source_checks(lang).get("negation", {})

    def words(key: str) -> re.Pattern:
        alternatives = "|".join(table.get(key, ())) or r"(?!x)x"
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    idioms = "|".join(table.get("sans_idioms", ())) or r"(?!x)x"
    sans = re.compile(rf"\bsans[-\s]+(?:{idioms})\b", re.IGNORECASE)
    ever = re.compile("|".join(table.get("french_not_negations", ())) or r"(?!x)x", re.IGNORECASE)
    return words("english_converse"), words("english_affirmation"), sans, ever


def french_double_negation(text: str, lang: str = "fr") -> bool:
    """Whether a French sentence negates a negative word or a "sans" ("n'a jamais cessé de",
    "n'aurait pas pu fonctionner sans"): it affirms, and English may say so without a negator."""
    plain_sans = len(re.findall(r"\bsans\b", text, re.IGNORECASE)) - len(_negation_renderings(lang)[2].findall(text))
    return bool(french_negative_words(text, lang) or plain_sans > 0)


def english_converses(text: str, lang: str = "fr") -> int:
    """How many English words render a negation by its converse, a prohibition, a cessation or
    a restriction (barred, stopped, less than, only: ``english_converse``)."""
    return len(_negation_renderings(lang)[0].findall(text))


def english_affirmations(text: str, lang: str = "fr") -> int:
    """How many English words render a French double negation (kept, continued, still:
    ``english_affirmation``)."""
    return len(_negation_renderings(lang)[1].findall(text))


def optional_negations(source: str, target: str, lang: str = "fr") -> tuple[int, int]:
    """Negations either side may write or not: French "sans" idioms ("sans attendre" ->
    "immediately" or "without delay") and English phrases read as no negation ("no more
    than" for "n'a pas dépassé", "not only"); (French count, English count)."""
    fr = len(_negation_renderings(lang)[2].findall(source))
    en = len(_lexical_negatives(lang)[5].findall(target))
    return fr, en


def french_restrictions(text: str) -> int:
    """How many "ne … que" a French sentence has (a restriction English may write "not …
    until" or "nothing but")."""
    return len(_FR_NE_QUE.findall(text))


# "ne … que" restricts ("n'entrera en vigueur qu'en 2026" -> "will not come into force until 2026").
_FR_NE_QUE = re.compile(r"\bn(?:e\s+|[’'])(?:[\w’'-]+\s+){0,5}?qu(?:e\b|[’'])", re.IGNORECASE)


def french_negative_words(text: str, lang: str = "fr") -> int:
    """How many French words with a negative meaning but no negator (refuser, privé de,
    faute de…: ``[negation]`` of ``source_checks.toml``)."""
    return len(_lexical_negatives(lang)[0].findall(text))


_QUOTED = re.compile(r"«\s*([^«»]+?)\s*»|“([^“”]+)”|\"([^\"]+)\"|(?<!\w)\*([^*]+)\*(?!\w)|(?<!\w)_([^_]+)_(?!\w)")


def mask_shared_quotes(source: str, target: str) -> tuple[str, str]:
    """Both texts with the quoted or italic passages they share word for word blanked out
    (a title kept in its language: « Kaze no Michi » -> “Kaze no Michi”); lengths are kept."""
    def spans(text: str) -> list[tuple[int, int, str]]:
        out = []
        for m in _QUOTED.finditer(text):
            i = next(g for g in range(1, 6) if m.group(g) is not None)
            out.append((m.start(i), m.end(i), " ".join(fold(m.group(i)).split())))
        return out

    s_spans, t_spans = spans(source), spans(target)
    shared = {q for _, _, q in s_spans} & {q for _, _, q in t_spans}
    for s, e, q in s_spans:
        if q in shared:
            source = source[:s] + " " * (e - s) + source[e:]
    for s, e, q in t_spans:
        if q in shared:
            target = target[:s] + " " * (e - s) + target[e:]
    return source, target


def placeholders(text: str) -> list[tuple[int, int, str]]:
    """URLs, e-mail addresses, @handles and format placeholders ({0}, %s, {{name}})."""
    out = []
    for m in PLACEHOLDER_RE.finditer(text):
        out.append((m.start(), m.end(), m.group()))
    return out


def _is_common_word(word: str) -> bool:
    w = word.lower()
    return w in word_pairs() or fold(w) in FR_FUNCTION_WORDS or fold(w) in _TITLE_WORDS


def source_names(text: str, lang: str = "fr") -> list[Name]:
    """Proper names and acronyms of a French sentence, with their expected English forms."""
    table = _name_table(lang)
    masked = text.replace("’", "'")  # same length: spans stay valid
    for s, e, _ in placeholders(text):
        masked = masked[:s] + " " * (e - s) + masked[e:]
    out: list[Name] = []
    taken: list[tuple[int, int]] = []
    for key in sorted((k for k in table if " " in k or "-" in k), key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", masked):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                out.append(Name(m.start(), m.end(), key, table[key]))
                taken.append(m.span())
    for m in _NAME_WORD_RE.finditer(masked):
        w = m.group()
        if any(s <= m.start() < e for s, e in taken) or not w[0].isupper() or len(w) < 2:
            continue
        if _ACRONYM_RE.fullmatch(w) and re.match(r"[ \u00a0]?\d", masked[m.end() :]):
            continue  # a road or model number (RN 7, RD 902, A 320): S002 compares it
        if w in table:
            out.append(Name(m.start(), m.end(), w, table[w]))
            continue
        if _ACRONYM_RE.fullmatch(w):
            if w.isupper() and not any(c.isdigit() for c in w) and len(w) >= 2:
                out.append(Name(m.start(), m.end(), w, (w,)))
            continue
        following = re.match(r"\s+(\w+)", masked[m.end() :])
        if institution_head(w, lang) or following and institution_head(f"{w} {following.group(1)}", lang):
            continue  # Agence, Direction, Haute Autorité: capitalised by convention, not a name
        if _is_common_word(w) or re.search(r"\d\s?$", masked[: m.start()]) or _ROMAN_ORDINAL.fullmatch(w):
            continue  # a common word, a unit after a number (1,5 Md€, 3 GW), a century (XIIe)
        if re.match(r"\s+(?:de|du|des|d’|d')\b", masked[m.end() :]) and _sentence_initial_common(w, 4.0):
            continue  # the head of an institution's name (Bourse de Paris, Cour de cassation)
        if _ADJECTIVE_AFTER.match(masked[m.end() :]) and _french_noun(w):
            continue  # ... or of one with an adjective (Parquet national financier, Conseil constitutionnel)
        before = masked[max(0, m.start() - 6) : m.start()]
        after_title = re.search(r"(?<!\w)(?:M|MM|Mme|Mmes|Mlle|Dr|Pr|Me)\.?\s$", before) is not None
        if not after_title and _STARTERS.search(masked[: m.start()]) and _sentence_initial_common(w):
            continue
        out.append(Name(m.start(), m.end(), w, (w,)))
    return sorted(out, key=lambda n: n.start)


@lru_cache(maxsize=4)
def _name_table(lang: str) -> dict[str, tuple[str, ...]]:
    """Source name -> its English renderings, the name itself last (exonyms, places, names,
    derived forms, holidays, institutions)."""
    from mtcheck.source.names import name_renderings as derived

    out = {k: (v,) for k, v in exonyms(lang).items()}
    for k, forms in (*name_renderings(lang).items(), *derived(lang).items()):
        out[k] = out.get(k, ()) + forms
    return {k: tuple(dict.fromkeys(v + (k,))) for k, v in out.items()}


def renders_name(text: str, form: str) -> bool:
    """Whether ``text`` has ``form``, or an acronym of it: the initials of a capitalised
    multi-word form (United Nations -> UN) or an acronym containing an acronym form
    (HCR in UNHCR)."""
    if contains_form(text, form):
        return True
    words = form.split()
    acronym = form if form.isupper() and len(form) >= 2 else ""
    if len(words) > 1 and all(w[0].isupper() for w in words if len(w) > 3):
        acronym = "".join(w[0] for w in words if len(w) > 3)
    if len(acronym) < 2:
        return False
    if any(acronym in m.group() for m in _ACRONYM_RE.finditer(text)):
        return True
    # the acronym spelled out: "United Nations" for UN, "North Atlantic Treaty Organization" for NATO
    for run in re.finditer(r"[A-Z][a-z]+(?:\s+(?:(?:of|for|and|the|on)\s+)?[A-Z][a-z]+)+", text):
        initials = "".join(w[0] for w in run.group().split() if w[0].isupper() and w not in ("The", "A", "An"))
        if acronym == initials or len(acronym) > 2 and acronym in initials:
            return True
    return False


def _french_noun(word: str) -> bool:
    """A common French word rare in English (Parquet, Conseil, Assemblée; not Marie, Pierre)."""
    from mtcheck.lang.frequency import zipf_frequency

    w = word.lower()
    return zipf_frequency(w, "fr") >= 4.0 and zipf_frequency(w, "fr") - zipf_frequency(w, "en") >= 1.5


def _sentence_initial_common(word: str, threshold: float = 3.0) -> bool:
    """Whether a capitalised word is a common French word (its lower case is frequent)."""
    from mtcheck.lang.frequency import zipf_frequency

    return zipf_frequency(word.lower(), "fr") >= threshold


def target_words(text: str) -> list[tuple[int, int, str]]:
    """Word tokens of a target sentence with spans."""
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


def contains_form(text: str, form: str) -> bool:
    """Whether ``form`` occurs in ``text`` as whole words, ignoring case and accents
    (a possessive or plural ending is allowed; a hyphen and a space are one: Louis-Philippe,
    Louis Philippe)."""
    pattern = r"(?<!\w)" + re.escape(fold(form)).replace(r"\-", "[-\\s]").replace(r"\ ", "[-\\s]") + r"(?:'s|s)?(?!\w)"
    return re.search(pattern, fold(text)) is not None


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, stopping early above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]
