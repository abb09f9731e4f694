"""The model layer with a tiny random Llama model: scoring, caching, corrupted and unwritable caches."""

import math
import os
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from mtcheck.model.lm import HFLanguageModel, LanguageModel, load_cached  # noqa: E402

TRAIN = [
    "The government survived a vote of no confidence on Tuesday evening.",
    "The minister attended the meeting in Brussels.",
    "Prices rose by 5.4% in March, the statistics office said.",
]


def _tiny_pair():
    from tokenizers import Tokenizer, models, pre_tokenizers, decoders, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=400, special_tokens=["<|endoftext|>", "<pad>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    tok.train_from_iterator(TRAIN * 3, trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<|endoftext|>", pad_token="<pad>")
    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=fast.vocab_size, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
        num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=256,
        bos_token_id=0, eos_token_id=0, pad_token_id=1,
    )
    return LlamaForCausalLM(config), fast


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny") / "model"
    load_cached(folder, "tiny", _tiny_pair)
    return folder


@pytest.fixture(scope="module")
def tiny(tiny_dir):
    return HFLanguageModel.from_dir(tiny_dir, "<|endoftext|>")


def test_tiny_model_follows_the_protocol(tiny):
    assert isinstance(tiny, LanguageModel)


def test_sequence_logprobs_are_negative_and_batch_independent(tiny):
    alone = [tiny.sequence_logprobs([t])[0] for t in TRAIN]
    batched = tiny.sequence_logprobs(TRAIN)
    assert all(math.isfinite(x) and x < 0 for x in batched)
    assert batched == pytest.approx(alone, abs=1e-3)


def test_token_scores_cover_the_text_and_sum_to_the_sequence_score(tiny):
    text = TRAIN[1]
    (scores,) = tiny.token_scores([text], k=3)
    assert scores[0].start == 0 and scores[-1].end == len(text)
    assert all(len(s.alternatives) == 3 for s in scores)
    assert sum(s.logprob for s in scores) == pytest.approx(tiny.sequence_logprobs([text])[0], abs=1e-3)


def test_next_words_returns_k_tokens(tiny):
    words = tiny.next_words("The minister", k=5)
    assert len(words) == 5 and words[0][1] >= words[-1][1]


def test_cache_is_reused_without_building(tiny_dir):
    def never():
        raise AssertionError("the cache should have been used")

    lm, info = load_cached(tiny_dir, "tiny", never, "<|endoftext|>")
    assert info.source == "cache" and not info.warnings
    assert lm.sequence_logprobs(["The minister"])[0] < 0


def test_corrupted_cache_is_rebuilt(tmp_path):
    folder = tmp_path / "cache" / "m"
    load_cached(folder, "k", _tiny_pair)
    weights = folder / "model.safetensors"
    weights.write_bytes(b"not a safetensors file")
    lm, info = load_cached(folder, "k", _tiny_pair, "<|endoftext|>")
    assert any("corrupted" in w and "rebuilt" in w for w in info.warnings)
    assert info.source == "expanded and cached"
    assert weights.stat().st_size > 1000
    again, info2 = load_cached(folder, "k", _tiny_pair, "<|endoftext|>")
    assert info2.source == "cache" and not info2.warnings


def test_cache_for_another_key_is_replaced(tmp_path):
    folder = tmp_path / "m"
    load_cached(folder, "old", _tiny_pair)
    _, info = load_cached(folder, "new", _tiny_pair)
    assert any("rebuilt" in w for w in info.warnings)


def test_unwritable_cache_still_gives_a_model(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    lm, info = load_cached(blocker / "m", "k", _tiny_pair, "<|endoftext|>")
    assert info.cache_path is None
    assert any("cannot write the model cache" in w and "MTCHECK_CACHE_DIR" in w for w in info.warnings)
    assert lm.sequence_logprobs(["The minister"])[0] < 0
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())


def test_corrector_runs_end_to_end_with_the_tiny_model(tiny):
    from mtcheck.correct import Calibration, correct_document
    from mtcheck.document import Document
    from mtcheck.findings import Finding, Severity, Suggestion

    text = "The minister attended the the meeting in Brussels."
    doc = Document.from_text(text)
    f = Finding("R001", "doubled-words", "repetition", Severity.ERROR, 25, 29, " the", "doubled", (Suggestion("", 0.9),))
    result = correct_document(doc, [f], scorer=tiny, calibration=Calibration())
    (c,) = result.corrections
    assert 0.0 <= c.confidence <= 1.0
    assert result.text in (text, "The minister attended the meeting in Brussels.")
    assert result.text[:25] == text[:25]


def test_cache_dir_honours_env(monkeypatch, tmp_path):
    from mtcheck.model.lm import cache_root

    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "c"))
    assert cache_root() == tmp_path / "c"
    monkeypatch.delenv("MTCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert cache_root() == tmp_path / "x" / "mtcheck"
    assert os.environ.get("HF_HUB_OFFLINE", "1") == "1"
