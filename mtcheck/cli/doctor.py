"""``mtcheck doctor``: is the model installed and cached, and how long does it take to load."""

from __future__ import annotations

import time

import click

from mtcheck.cli import CONTEXT_SETTINGS
from mtcheck.model.lm import ModelUnavailable, cache_root, language_model_entry, locate_gguf


_SAMPLE = (
    "Prime Minister Claire Vautrin survived a vote on Tuesday. "
    "Le gouvernement a annoncé hier soir une nouvelle réforme des retraites."
)


def warm_language_data(spelling: bool) -> None:
    """Build every language-data cache entry a scan (and, with ``spelling``, a fix) may need."""
    from mtcheck.lang.frequency import TABLE_LANGS, zipf_frequency
    from mtcheck.pipeline import check_text

    check_text(_SAMPLE)
    for lang in TABLE_LANGS:
        zipf_frequency("maison", lang)
    if spelling:
        from mtcheck.candidates import _symspell

        _symspell()


@click.command("doctor", context_settings=CONTEXT_SETTINGS)
@click.option("--load/--no-load", default=True, help="Load the model (builds the cache on first use).")
def doctor(load: bool) -> None:
    """Report the local model (installed, cached, load time) and build the data caches.

    Exit 1 if the model is unusable.
    """
    entry = language_model_entry()
    ok = True
    print(f"language model: {entry.name} ({entry.package}=={entry.version}, {entry.licence}, "
          f"{entry.parameters / 1e6:.0f}M parameters)")
    try:
        gguf = locate_gguf(entry)
        print(f"  installed:  yes ({gguf})")
    except ModelUnavailable as exc:
        print(f"  installed:  no: {exc}")
        raise click.exceptions.Exit(1) from None
    root = cache_root()
    cached = sorted(p.name for p in root.glob("smollm2-*") if (p / "mtcheck-cache.json").is_file()) if root.is_dir() else []
    print(f"  cache:      {root} ({'has ' + ', '.join(cached) if cached else 'empty'})")
    started = time.perf_counter()
    warm_language_data(spelling=load)
    print(f"  data cache: {root / 'langdata'} (ready in {time.perf_counter() - started:.1f} s)")
    if load:
        from mtcheck.correct import load_models
        from mtcheck.model.lm import import_torch

        started = time.perf_counter()
        import_torch()
        print(f"  torch:      imported in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        lm, guard, warnings = load_models()
        for w in warnings:
            print(f"  warning:    {w}")
        if lm is None:
            ok = False
            print("  load:       failed (corrections fall back to rules only)")
        else:
            from mtcheck.model.lm import _LOADED

            info = _LOADED["lm"][1]
            print(f"  load:       {info.source} in {info.seconds:.1f} s (with the meaning guard: {time.perf_counter() - started:.1f} s)")
            print(f"  guard:      {'loaded' if guard is not None else 'unavailable'}")
    raise click.exceptions.Exit(0 if ok else 1)
