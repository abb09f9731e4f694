"""``mtcheck doctor``: is the model installed and cached, and how long does it take to load."""

from __future__ import annotations

import time

import click

from mtcheck.cli import CONTEXT_SETTINGS
from mtcheck.model.lm import ModelUnavailable, cache_root, language_model_entry, locate_gguf


@click.command("doctor", context_settings=CONTEXT_SETTINGS)
@click.option("--load/--no-load", default=True, help="Load the model (builds the cache on first use).")
def doctor(load: bool) -> None:
    """Report the local model: installed, cached, load time. Exit 1 if the model is unusable."""
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
    if load:
        from mtcheck.correct import load_models

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
            print(f"  load:       {info.source} in {info.seconds:.1f} s (with meaning guard: {time.perf_counter() - started:.1f} s)")
            print(f"  guard:      {'loaded' if guard is not None else 'unavailable'}")
    raise click.exceptions.Exit(0 if ok else 1)
