"""The annotated text format (``corpus/annotated/<id>.txt``): parsing, rendering, applying
artifacts and validating a document."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mtcheck.corpus.documents import (
    _ARROW, _CLOSE, _ESC, _HEADER_RE, _ID_RE, _OPEN, _SEP, CATEGORIES, HEADER_KEYS, KINDS, SPLITS,
    Artifact, CorpusDocument,
)

# --------------------------------------------------------------------------- parsing


def _split_header(text: str) -> tuple[dict[str, str], str, int]:
    """Split an annotated file into its header dict, its body and the body's first line number."""
    fields: dict[str, str] = {}
    pos = 0
    line_no = 0
    while True:
        line_no += 1
        nl = text.find("\n", pos)
        if nl < 0:
            raise ValueError(f"line {line_no}: header not terminated by a blank line")
        line = text[pos:nl]
        pos = nl + 1
        if line == "":
            break
        m = _HEADER_RE.match(line)
        if not m:
            raise ValueError(f"line {line_no}: malformed header line {line!r} (expected '# key: value')")
        key, value = m.group(1), m.group(2).strip()
        if key not in HEADER_KEYS:
            raise ValueError(f"line {line_no}: unknown header key {key!r}")
        if key in fields:
            raise ValueError(f"line {line_no}: duplicate header key {key!r}")
        fields[key] = value
    missing = [k for k in HEADER_KEYS if k not in fields]
    if missing:
        raise ValueError(f"header lacks {', '.join(missing)}")
    return fields, text[pos:], line_no + 1


def _split_unescaped(chars: Sequence[tuple[str, bool]], sep: str) -> int:
    """Index of the first unescaped occurrence of ``sep`` in ``chars``, or -1."""
    n = len(sep)
    for i in range(len(chars) - n + 1):
        if all(chars[i + j] == (sep[j], False) for j in range(n)):
            return i
    return -1


def _join(chars: Iterable[tuple[str, bool]]) -> str:
    return "".join(c for c, _ in chars)


def _parse_body(body: str, first_line: int = 1) -> tuple[str, str, tuple[Artifact, ...]]:
    mt: list[str] = []
    ref: list[str] = []
    mt_len = 0
    artifacts: list[Artifact] = []
    i = 0
    n = len(body)

    def where(pos: int) -> str:
        return f"line {first_line + body.count(chr(10), 0, pos)}"

    while i < n:
        c = body[i]
        if c == _ESC:
            if i + 1 >= n:
                raise ValueError(f"{where(i)}: dangling escape at end of text")
            mt.append(body[i + 1])
            ref.append(body[i + 1])
            mt_len += 1
            i += 2
            continue
        if body.startswith(_OPEN, i):
            start_pos = i
            i += len(_OPEN)
            chars: list[tuple[str, bool]] = []
            closed = False
            while i < n:
                if body[i] == _ESC:
                    if i + 1 >= n:
                        break
                    chars.append((body[i + 1], True))
                    i += 2
                    continue
                if body.startswith(_CLOSE, i):
                    i += len(_CLOSE)
                    closed = True
                    break
                if body.startswith(_OPEN, i):
                    raise ValueError(f"{where(i)}: '[[' inside markup opened at {where(start_pos)} (escape it as \\[)")
                chars.append((body[i], False))
                i += 1
            if not closed:
                raise ValueError(f"{where(start_pos)}: markup not closed by ']]'")
            k = _split_unescaped(chars, _ARROW)
            if k < 0:
                raise ValueError(f"{where(start_pos)}: markup lacks '=>'")
            original = _join(chars[:k])
            rest = list(chars[k + len(_ARROW) :])
            parts: list[str] = []
            for _ in range(2):
                j = _split_unescaped(rest, _SEP)
                if j < 0:
                    break
                parts.append(_join(rest[:j]))
                rest = rest[j + 1 :]
            parts.append(_join(rest))
            if len(parts) < 2:
                raise ValueError(f"{where(start_pos)}: markup lacks '|category'")
            fix, category = parts[0], parts[1].strip()
            note = parts[2].strip() if len(parts) > 2 and parts[2].strip() else None
            if original == "" and fix == "":
                raise ValueError(f"{where(start_pos)}: markup with empty original and empty fix")
            artifacts.append(Artifact(mt_len, mt_len + len(original), category, fix, note))
            mt.append(original)
            ref.append(fix)
            mt_len += len(original)
            continue
        mt.append(c)
        ref.append(c)
        mt_len += 1
        i += 1
    return "".join(mt), "".join(ref), tuple(artifacts)


def parse_annotated(text: str) -> CorpusDocument:
    """Parse the text of an annotated file (header, blank line, marked-up body).

    Raises ValueError with a line number on a syntax error. Semantic problems (unknown
    category, bad split...) are left to :func:`validate`.
    """
    fields, body, first_line = _split_header(text)
    mt, reference, artifacts = _parse_body(body, first_line)
    return CorpusDocument(mt=mt, reference=reference, artifacts=artifacts, **fields)


def _escape_markup_part(text: str) -> str:
    out = text.replace(_ESC, _ESC + _ESC)
    for ch in "[]|=":
        out = out.replace(ch, _ESC + ch)
    return out


def render_annotated(doc: CorpusDocument) -> str:
    """Render a document back into annotated-file text (inverse of :func:`parse_annotated`)."""
    head = "".join(f"# {k}: {getattr(doc, k)}\n" for k in HEADER_KEYS)
    out: list[str] = []
    pos = 0
    for a in sorted(doc.artifacts, key=lambda a: (a.start, a.end)):
        out.append(_escape_all(doc.mt[pos : a.start]))
        note = f"|{_escape_markup_part(a.note)}" if a.note else ""
        out.append(
            f"[[{_escape_markup_part(doc.mt[a.start:a.end])}=>{_escape_markup_part(a.fix)}|{a.category}{note}]]"
        )
        pos = a.end
    out.append(_escape_all(doc.mt[pos:]))
    return head + "\n" + "".join(out)


def _escape_all(text: str) -> str:
    return text.replace(_ESC, _ESC + _ESC).replace("[", _ESC + "[")


# --------------------------------------------------------------------------- applying / validating


def apply_artifacts(mt: str, artifacts: Iterable[Artifact]) -> str:
    """Apply every artifact's fix to ``mt`` (right to left) and return the corrected text.

    Raises ValueError when an artifact is out of range or two artifacts overlap.
    """
    arts = sorted(artifacts, key=lambda a: (a.start, a.end))
    prev_end = -1
    prev_start = -1
    for a in arts:
        if not (0 <= a.start <= a.end <= len(mt)):
            raise ValueError(f"artifact {a.start}-{a.end} out of range 0-{len(mt)}")
        if a.start < prev_end or (a.start == a.end == prev_start == prev_end):
            raise ValueError(f"artifact {a.start}-{a.end} overlaps the previous one")
        prev_start, prev_end = a.start, a.end
    out = mt
    for a in reversed(arts):
        out = out[: a.start] + a.fix + out[a.end :]
    return out


def validate(doc: CorpusDocument) -> list[str]:
    """Return a list of problems with ``doc`` (empty when it is valid).

    Checks the id, split, kind and other header fields, artifact offsets (in range,
    sorted, non-overlapping), categories, that applying the artifacts to ``mt`` gives
    ``reference`` exactly, and that clean documents have no artifacts and mt == reference.
    """
    errors: list[str] = []
    p = f"{doc.id or '<no id>'}: "
    if not isinstance(doc.id, str) or not _ID_RE.match(doc.id):
        errors.append(f"{p}bad id {doc.id!r}")
    if doc.split not in SPLITS:
        errors.append(f"{p}split {doc.split!r} not in {SPLITS}")
    if doc.kind not in KINDS:
        errors.append(f"{p}kind {doc.kind!r} not in {KINDS}")
    for key in ("source_lang", "title", "topic", "provenance"):
        if not isinstance(getattr(doc, key), str) or not getattr(doc, key).strip():
            errors.append(f"{p}empty {key}")
    if not isinstance(doc.mt, str) or not isinstance(doc.reference, str):
        errors.append(f"{p}mt and reference must be strings")
        return errors
    prev: Artifact | None = None
    structural_ok = True
    for i, a in enumerate(doc.artifacts):
        q = f"{p}artifact {i} ({a.start}-{a.end}): "
        if not isinstance(a.start, int) or not isinstance(a.end, int) or isinstance(a.start, bool):
            errors.append(q + "offsets must be integers")
            structural_ok = False
            continue
        if not (0 <= a.start <= a.end <= len(doc.mt)):
            errors.append(q + f"offsets out of range 0-{len(doc.mt)}")
            structural_ok = False
        if a.category not in CATEGORIES:
            errors.append(q + f"unknown category {a.category!r}")
        if not isinstance(a.fix, str):
            errors.append(q + "fix must be a string")
            structural_ok = False
        elif a.start == a.end and a.fix == "":
            errors.append(q + "empty original and empty fix")
        elif doc.mt[a.start : a.end] == a.fix:
            errors.append(q + "fix equals the original")
        if a.note is not None and not isinstance(a.note, str):
            errors.append(q + "note must be a string or null")
        if prev is not None:
            if (a.start, a.end) < (prev.start, prev.end):
                errors.append(q + "artifacts not sorted by start")
                structural_ok = False
            elif a.start < prev.end or (a.start == a.end == prev.start == prev.end):
                errors.append(q + f"overlaps artifact {i - 1} ({prev.start}-{prev.end})")
                structural_ok = False
        prev = a
    if structural_ok:
        try:
            fixed = apply_artifacts(doc.mt, doc.artifacts)
        except ValueError as exc:  # pragma: no cover - guarded by the checks above
            errors.append(f"{p}{exc}")
        else:
            if fixed != doc.reference:
                at = next((k for k, (x, y) in enumerate(zip(fixed, doc.reference)) if x != y), min(len(fixed), len(doc.reference)))
                errors.append(
                    f"{p}applying the artifacts does not give the reference "
                    f"(first difference at {at}: {fixed[at:at + 30]!r} vs {doc.reference[at:at + 30]!r})"
                )
    if doc.kind == "clean":
        if doc.artifacts:
            errors.append(f"{p}clean document has {len(doc.artifacts)} artifacts")
        if doc.mt != doc.reference:
            errors.append(f"{p}clean document has mt != reference")
    elif doc.kind == "artifact" and not doc.artifacts:
        errors.append(f"{p}artifact document has no artifacts")
    return errors
