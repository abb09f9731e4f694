"""The model cache is verified by checksum on every load: a flipped bit, a truncated file or an
older cache format is rebuilt with a warning, never used (issue 11)."""

import json
import random

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from mtcheck.model.cache import MARKER, CacheState, file_crc32, load_cached, verify_cache  # noqa: E402
from tests.test_model_unit import _tiny_pair  # noqa: E402

BOS = "<|endoftext|>"


@pytest.fixture()
def cached(tmp_path):
    folder = tmp_path / "m"
    load_cached(folder, "k", _tiny_pair, BOS)
    return folder


def test_fresh_cache_records_a_checksum_per_file_and_verifies(cached):
    meta = json.loads((cached / MARKER).read_text(encoding="utf-8"))
    assert meta["format"] == 2 and meta["key"] == "k"
    assert set(meta["crc32"]) >= {"model.safetensors", "tokenizer.json", "config.json"}
    assert meta["crc32"]["model.safetensors"] == file_crc32(cached / "model.safetensors")
    assert verify_cache(cached, "k").state is CacheState.VERIFIED


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_bit_flips_in_the_weights_are_detected_and_rebuilt(cached, seed):
    weights = cached / "model.safetensors"
    original = weights.read_bytes()
    data = bytearray(original)
    rng = random.Random(seed)
    header = 8 + int.from_bytes(data[:8], "little")
    for _ in range(rng.randint(1, 5)):  # flips in the tensor data: the file still loads
        pos = rng.randrange(header, len(data))
        data[pos] ^= 1 << rng.randrange(8)
    weights.write_bytes(bytes(data))
    check = verify_cache(cached, "k")
    assert check.state is CacheState.CORRUPTED and "model.safetensors" in check.detail
    _, info = load_cached(cached, "k", _tiny_pair, BOS)
    assert info.source == "expanded and cached"
    assert any("corrupted" in w and "rebuilt" in w for w in info.warnings)
    assert verify_cache(cached, "k").state is CacheState.VERIFIED


def test_a_flipped_bit_in_the_tokenizer_is_detected(cached):
    tok = cached / "tokenizer.json"
    data = bytearray(tok.read_bytes())
    data[len(data) // 2] ^= 0x04
    tok.write_bytes(bytes(data))
    assert verify_cache(cached, "k").state is CacheState.CORRUPTED


def test_truncated_weights_are_detected(cached):
    weights = cached / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:-100])
    assert verify_cache(cached, "k").state is CacheState.CORRUPTED


def test_a_cache_without_checksums_is_rebuilt_not_trusted(cached):
    (cached / MARKER).write_text(json.dumps({"key": "k"}), encoding="utf-8")
    assert verify_cache(cached, "k").state is CacheState.OLD_FORMAT
    _, info = load_cached(cached, "k", _tiny_pair, BOS)
    assert info.source == "expanded and cached"
    assert any("older mtcheck" in w for w in info.warnings)


def test_a_missing_cache_is_built_without_warning(tmp_path):
    assert verify_cache(tmp_path / "none", "k").state is CacheState.MISSING
    _, info = load_cached(tmp_path / "none", "k", _tiny_pair, BOS)
    assert info.source == "expanded and cached" and not info.warnings


def test_an_intact_cache_is_loaded_without_building(cached):
    def never():
        raise AssertionError("an intact cache must not be rebuilt")

    _, info = load_cached(cached, "k", never, BOS)
    assert info.source == "cache" and not info.warnings and info.check.state is CacheState.VERIFIED
