"""Project configuration: ``[tool.mtcheck]`` in ``pyproject.toml`` or a ``.mtcheck.toml``.

The configuration is found by walking up from the scanned file's folder; in each folder a
``.mtcheck.toml`` wins over a ``pyproject.toml``, and a ``pyproject.toml`` without a
``[tool.mtcheck]`` table is passed over. ``--config FILE`` names one explicitly, and
command-line flags override what the file says. The reference is in ``docs/ci.md``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtcheck.discover import DEFAULT_INCLUDE, glob_match
from mtcheck.errors import UsageError
from mtcheck.findings import Severity
from mtcheck.gate import Gate, GateCheck, threshold_problem
from mtcheck.lang import available_languages, default_language, load_language
from mtcheck.lang.extensions import EXONYM_KINDS, LEXICON_TABLES, ExtensionError, load_extension
from mtcheck.pipeline import CheckOptions
from mtcheck.rules import ALL_RULES, Glossary
from mtcheck import selection

CONFIG_NAMES = (".mtcheck.toml", "pyproject.toml")
_FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "never": None}
_KEYS = {
    "select", "ignore", "extend-select", "severity", "per-file-ignores", "source-lang",
    "glossary", "gate", "include", "exclude", "ignore-entries", "extend-lexicon",
}
_GATE_KEYS = {"fail-on", "min-score", "max-findings-per-1k"}
_GLOSSARY_KEYS = {"allow", "preferred", "terms"}


@dataclass(frozen=True)
class Config:
    """A parsed configuration. ``path`` is where it came from (``None``: defaults only)."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    source_lang: str | None = None
    glossary: Glossary = field(default_factory=Glossary)
    gate: Gate = field(default_factory=Gate)
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    ignore_entries: frozenset[str] = frozenset()
    """Ids of data entries switched off (``assist-to``, ``exonym:pekin``), lower case."""
    extend_lexicon: tuple[str, ...] = ()
    """User lexicon files (absolute paths), validated when the configuration was read."""

    @property
    def root(self) -> Path:
        """The folder that relative patterns (per-file ignores, include/exclude) start from."""
        return self.path.parent if self.path else Path.cwd()

    def check_options(self) -> CheckOptions:
        """The :class:`CheckOptions` these settings describe (per-file ignores apply later)."""
        return CheckOptions(
            source_lang=self.source_lang or default_language(),
            select=self.select or (),
            ignore=self.ignore or (),
            extend_select=self.extend_select,
            severity_overrides=self.severity,
            glossary=self.glossary,
            ignore_entries=self.ignore_entries,
            extend_lexicon=self.extend_lexicon,
        )

    def file_ignores(self, file_path: str) -> tuple[str, ...]:
        """Code prefixes that ``per-file-ignores`` switches off for ``file_path``."""
        if not self.per_file_ignores or file_path == "<stdin>":
            return ()
        try:
            rel = Path(file_path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            rel = Path(file_path).as_posix()
        codes: list[str] = []
        for pattern, prefixes in self.per_file_ignores:
            if glob_match(pattern, rel):
                codes.extend(prefixes)
        return tuple(codes)


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start`` (a file or a folder).

    A ``pyproject.toml`` counts only when it has a ``[tool.mtcheck]`` table; one that cannot
    be read or parsed is passed over unless its text mentions ``[tool.mtcheck]`` (then its
    error is reported), so an unrelated broken file in a parent folder never stops a scan.
    """
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for d in (folder, *folder.parents):
        dotfile = d / ".mtcheck.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = d / "pyproject.toml"
        if pyproject.is_file() and _pyproject_has_mtcheck(pyproject):
            return pyproject
    return None


_TOOL_TABLE_RE = re.compile(rb"^\s*\[\s*tool\s*\.\s*mtcheck\s*[\].]", re.MULTILINE)


def _pyproject_has_mtcheck(path: Path) -> bool:
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    mentions = bool(_TOOL_TABLE_RE.search(raw))
    try:
        data = _parse_toml(raw, path)
    except UsageError:
        if mentions:
            raise
        return False
    tool = data.get("tool", {})
    return isinstance(tool, dict) and "mtcheck" in tool


def _parse_toml(raw: bytes, path: Path) -> dict[str, Any]:
    """Parse a configuration file's bytes (a UTF-8 BOM is accepted); one-line errors."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: configuration is not valid UTF-8 (byte {exc.start})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read configuration ({exc.strerror})") from None
    return _parse_toml(raw, path)


def load_config(path: Path) -> Config:
    """Parse a configuration file; raises :class:`UsageError` for anything invalid."""
    if not path.is_file():
        raise UsageError(f"{path}: configuration file not found")
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise UsageError(f"{path}: [tool] must be a table, not {type(tool).__name__}")
        data = tool.get("mtcheck", {})
        where = f"{path} [tool.mtcheck]"
        if not isinstance(data, dict):
            raise UsageError(f"{where}: must be a table of settings, not {type(data).__name__} ({data!r})")
    else:
        where = str(path)
    return parse_config(data, path, where)


def parse_config(data: dict[str, Any], path: Path | None = None, where: str = "configuration") -> Config:
    """Build a :class:`Config` from the table of settings (already read from TOML)."""
    _check_keys(data, _KEYS, where)
    gate_table = _table(data, "gate", where)
    _check_keys(gate_table, _GATE_KEYS, f"{where} [gate]")
    glossary_table = _table(data, "glossary", where)
    _check_keys(glossary_table, _GLOSSARY_KEYS, f"{where} [glossary]")
    select = data.get("select")
    ignore = data.get("ignore")
    source_lang = data.get("source-lang")
    if source_lang is not None and (not isinstance(source_lang, str) or source_lang not in available_languages()):
        raise UsageError(
            f"{where}: source-lang must be one of {', '.join(available_languages())}, not {source_lang!r}"
        )
    extend_lexicon = _extend_lexicon(data.get("extend-lexicon", []), path, where)
    return Config(
        path=path,
        select=None if select is None else _prefixes(select, "select", where),
        ignore=None if ignore is None else _prefixes(ignore, "ignore", where),
        extend_select=_prefixes(data.get("extend-select", []), "extend-select", where),
        severity=_severities(_table(data, "severity", where), where),
        per_file_ignores=tuple(
            (pattern, _prefixes(codes, f"per-file-ignores {pattern!r}", where))
            for pattern, codes in _table(data, "per-file-ignores", where).items()
        ),
        source_lang=source_lang,
        glossary=_glossary(glossary_table, where),
        gate=parse_gate(gate_table, where),
        include=_strings(data.get("include", list(DEFAULT_INCLUDE)), "include", where),
        exclude=_strings(data.get("exclude", []), "exclude", where),
        ignore_entries=_entry_ids(data.get("ignore-entries", []), extend_lexicon, where),
        extend_lexicon=extend_lexicon,
    )


def _extend_lexicon(value: Any, path: Path | None, where: str) -> tuple[str, ...]:
    """User lexicon files, relative to the configuration's folder, each read and validated now."""
    base = path.parent if path else Path.cwd()
    files = []
    for name in _strings(value, "extend-lexicon", where):
        file = (base / name).absolute()
        try:
            load_extension(file)
        except ExtensionError as exc:
            raise UsageError(f"{where}: extend-lexicon: {exc}") from None
        files.append(str(file))
    return tuple(files)


def known_entry_ids(extend_lexicon: tuple[str, ...] = ()) -> frozenset[str]:
    """Every data entry id a finding may carry, for every source language (lower case)."""
    from mtcheck.rules.lexicon import lexicon_for
    from mtcheck.rules.untranslated import entry_id

    ids: set[str] = set()
    for code in available_languages():
        lang = load_language(code).extended(extend_lexicon)
        for table in LEXICON_TABLES:
            ids.update(e.id.lower() for e in lexicon_for(lang, table))
        exonyms = lang.table("exonyms")
        ids.update(entry_id("exonym", k) for kind in EXONYM_KINDS for k in exonyms.get(kind, {}))
        words = lang.table(lang.table_name("words"))
        ids.update(entry_id("word", k) for k in (*words.get("words", {}), *words.get("contextual", {})))
    return frozenset(ids)


def _entry_ids(value: Any, extend_lexicon: tuple[str, ...], where: str) -> frozenset[str]:
    ids = [i.strip().lower() for i in _strings(value, "ignore-entries", where)]
    if not ids:
        return frozenset()
    known = known_entry_ids(extend_lexicon)
    for i in ids:
        if i not in known:
            raise UsageError(
                f"{where}: ignore-entries: no data entry {i!r} (ids are shown in brackets in F and K "
                "messages; exonyms and words are exonym:<name>, word:<word>)"
            )
    return frozenset(ids)


def parse_fail_on(value: str, where: str = "--fail-on") -> Severity | None:
    """``error``/``warning``/``info`` as a :class:`Severity`; ``never`` as ``None``."""
    try:
        return _FAIL_ON[str(value).lower()]
    except KeyError:
        raise UsageError(f"{where}: fail-on must be one of {', '.join(_FAIL_ON)}, not {value!r}") from None


def checked_threshold(check: GateCheck, value: Any, where: str) -> float | None:
    """A numeric gate threshold, range-checked the same way for flags and configuration.

    ``nan``, infinities and out-of-range values (``1e308`` for a score) are usage errors.
    """
    if value is None:
        return None
    problem = threshold_problem(check, value)
    if problem:
        raise UsageError(f"{where}: {problem}")
    return float(value)


def parse_gate(table: dict[str, Any], where: str = "configuration") -> Gate:
    """The ``[gate]`` table as a :class:`Gate`."""
    if "fail-on" in table and not isinstance(table["fail-on"], str):
        raise UsageError(f"{where} [gate]: fail-on must be one of {', '.join(_FAIL_ON)}, not {table['fail-on']!r}")
    fail_on = parse_fail_on(table["fail-on"], f"{where} [gate]") if "fail-on" in table else Severity.ERROR
    return Gate(
        fail_on=fail_on,
        min_score=checked_threshold(GateCheck.MIN_SCORE, table.get("min-score"), f"{where} [gate]"),
        max_findings_per_1k=checked_threshold(
            GateCheck.MAX_FINDINGS_PER_1K, table.get("max-findings-per-1k"), f"{where} [gate]"
        ),
    )


def _check_keys(data: dict[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise UsageError(f"{where}: unknown setting {unknown[0]!r} (known: {', '.join(sorted(known))})")


def _table(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise UsageError(f"{where}: {key} must be a table")
    return value


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{where}: {key} must be a list of strings")
    return tuple(value)


def normalise_prefix(prefix: str, where: str = "configuration") -> str:
    """A rule-code prefix in upper case (``T``, ``T0``, ``T001``, ``ALL``) or a rule name's code.

    Raises :class:`UsageError` when it selects no rule (see :mod:`mtcheck.selection`).
    """
    return selection.resolve(prefix, where)


def normalise_prefixes(values: str | Iterable[str], where: str = "command line") -> tuple[str, ...]:
    """Every selector of ``values``, each value possibly a comma list (``--select T,N``)."""
    return selection.parse(values, where)


def _prefixes(value: Any, key: str, where: str) -> tuple[str, ...]:
    return selection.parse(_strings(value, key, where), f"{where}: {key}")


def expand_severities(table: dict[str, Any], where: str = "configuration") -> tuple[tuple[str, Severity], ...]:
    """Severity overrides by code prefix, expanded to exact codes (longest prefix wins)."""
    chosen: dict[str, tuple[int, Severity]] = {}
    for prefix, level in table.items():
        p = normalise_prefix(prefix, f"{where} [severity]")
        try:
            severity = Severity(str(level).lower())
        except ValueError:
            raise UsageError(f"{where} [severity]: {prefix} must be error, warning or info, not {level!r}") from None
        length = 0 if p == "ALL" else len(p)
        for rule in ALL_RULES:
            if (p == "ALL" or rule.code.startswith(p)) and length >= chosen.get(rule.code, (-1, severity))[0]:
                chosen[rule.code] = (length, severity)
    return tuple(sorted((code, sev) for code, (_, sev) in chosen.items()))


_severities = expand_severities


def _glossary(table: dict[str, Any], where: str) -> Glossary:
    allow = _strings(table.get("allow", []), "glossary allow", where)
    preferred_table = table.get("preferred", {})
    if not isinstance(preferred_table, dict):
        raise UsageError(f"{where} [glossary]: preferred must be a table of name = [variants]")
    pairs = []
    for name, variants in preferred_table.items():
        for variant in _strings(variants, f"glossary preferred {name!r}", where):
            pairs.append((variant, name))
    terms_table = table.get("terms", {})
    if not isinstance(terms_table, dict) or not all(isinstance(v, str) and v.strip() for v in terms_table.values()):
        raise UsageError(f"{where} [glossary]: terms must be a table of \"source term\" = \"required English term\"")
    return Glossary(
        allow=frozenset(allow) | frozenset(preferred_table),
        preferred=tuple(pairs),
        terms=tuple((k, v) for k, v in terms_table.items()),
    )
