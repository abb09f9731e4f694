"""The model layer with a tiny random Llama model: scoring, caching, corrupted and unwritable caches."""

import math
import os
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from mtcheck.model.lm import SmolLM, LanguageModel, load_cached  # noqa: E402

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
    return SmolLM.from_dir(tiny_dir, "<|endoftext|>")


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


def test_packed_scores_equal_scores_of_each_text_alone(tiny):
    tiny_pack = tiny.pack_tokens
    try:
        tiny.pack_tokens = 40  # several rows, several texts per row
        together = tiny.token_scores(TRAIN * 2)
    finally:
        tiny.pack_tokens = tiny_pack
    for text, scores in zip(TRAIN * 2, together):
        (alone,) = tiny.token_scores([text])
        assert [(s.start, s.end) for s in scores] == [(s.start, s.end) for s in alone]
        assert [s.logprob for s in scores] == pytest.approx([s.logprob for s in alone], abs=1e-4)


def test_text_state_boundaries_follow_the_tokens(tiny):
    text = TRAIN[0]
    (state,) = tiny.text_states([text])
    assert state.boundary(0) == 1 and state.boundary(len(text)) == len(state.ids)
    cut = text.index(" survived")
    assert state.spans[state.boundary(cut)][0] == cut
    inside = text.index("survived") + 3
    assert state.boundary(inside) is None


def test_state_token_scores_equal_token_scores_and_can_be_restricted(tiny):
    text = TRAIN[2]
    (state,) = tiny.text_states([text])
    (plain,) = tiny.token_scores([text])
    from_state = tiny.state_token_scores([state])[0]
    assert [s.logprob for s in from_state] == pytest.approx([s.logprob for s in plain], abs=1e-4)
    lo = text.index("March")
    (some,) = tiny.state_token_scores([state], [[(lo, lo + 5)]])
    assert some and all(s.end > lo and s.start < lo + 5 for s in some)
    assert len(some) < len(plain)


def test_suffix_scores_continue_from_a_kept_state_exactly(tiny):
    text = "The minister attended the meeting in Brussels."
    (state,) = tiny.text_states([text])
    prefix = "The minister"
    suffixes = [" attended the meeting", " assisted to the meeting", " went", ""]
    with_state = tiny.suffix_logprobs([(prefix, suffixes, state)])[0]
    without = tiny.suffix_logprobs([(prefix, suffixes)])[0]
    base = tiny.sequence_logprobs([prefix])[0]
    whole = [x - base for x in tiny.sequence_logprobs([prefix + s for s in suffixes])]
    assert with_state == pytest.approx(without, abs=1e-3)
    assert with_state == pytest.approx(whole, abs=1e-3)
    assert with_state[-1] == 0.0


def test_model_stage_with_states_matches_the_plain_corrector(tiny):
    from mtcheck.document import Document
    from mtcheck.lang import load_language
    from mtcheck.pipeline import CheckOptions, Models, model_stage
    from mtcheck.ranking import Corrector
    from mtcheck.scoring import Calibration
    from mtcheck.findings import Finding, Severity, Suggestion

    text = ("The government survived a vote of no confidence on Tuesday evening. "
            "The minister assisted to the meeting in Brussels. Prices rose by 5,4 % in March.")
    doc = Document.from_text(text)
    s = text.index("assisted to")
    n = text.index("5,4")
    findings = [
        Finding("K001", "x", "calque", Severity.WARNING, s, s + 11, "assisted to", "m",
                (Suggestion("attended", 0.8), Suggestion("joined", 0.6))),
        Finding("N001", "x", "number-format", Severity.ERROR, n, n + 3, "5,4", "m", (Suggestion("5.4", 0.9), Suggestion("5", 0.5))),
    ]
    # no fluency findings (compare the ranking alone); both categories open to a model choice
    cal = Calibration(fluency_pmi=-1e9, choice_margins={"calque": 0.0, "number-format": 0.0})
    found, scored = model_stage(doc, findings, CheckOptions(), load_language("fr"), Models(tiny, None, cal))
    plain = Corrector(tiny, None, cal).evaluate(doc, found)
    assert [x.finding for x in scored] == [x.finding for x in plain] == sorted(findings, key=lambda f: f.start)
    for a, b in zip(scored, plain):
        assert a.deltas is not None and a.deltas == pytest.approx(b.deltas, abs=1e-3)


class _Counting:
    """A stand-in that forwards to a model and records which texts it ran."""

    def __init__(self, lm):
        self.lm, self.texts = lm, []

    def text_states(self, texts, upto=None):
        self.texts += list(texts)
        return self.lm.text_states(texts, upto)

    def __getattr__(self, name):
        return getattr(self.lm, name)


def test_findings_the_rules_decide_run_no_model(tiny):
    from mtcheck.document import Document
    from mtcheck.findings import Finding, Severity, Suggestion
    from mtcheck.io import Source
    from mtcheck.pipeline import CheckOptions, Models, check_file
    from mtcheck.scoring import Calibration

    text = "The minister assisted to the meeting in Brussels. Prices rose by 5,4 % in March.\n"
    s = text.index("assisted to")
    lm = _Counting(tiny)
    cal = Calibration(fluency_pmi=-1e9, choice_margins={"calque": 0.0})
    checked = check_file(Source("t", text), CheckOptions(select=("F", "N")), models=Models(lm, None, cal), correct=True)
    assert checked.correction.text == check_file(Source("t", text), CheckOptions(select=("F", "N")), correct=True).correction.text
    assert {c.finding.category for c in checked.correction.applied} >= {"number-format"}
    assert lm.texts == []  # a number-format fix with no model choice open: decided by the rule alone
    doc = Document.from_text(text)
    two = Finding("K001", "x", "calque", Severity.WARNING, s, s + 11, "assisted to", "m",
                  (Suggestion("attended", 0.8), Suggestion("joined", 0.6)))
    from mtcheck.lang import load_language
    from mtcheck.pipeline import model_stage

    model_stage(doc, [two], CheckOptions(select=("F",)), load_language("fr"), Models(lm, None, cal))
    assert lm.texts == [doc.sentences[0].text]


def test_model_sections_cover_the_sentences_in_order():
    from mtcheck.scoring import model_sections
    from mtcheck.document import Document

    doc = Document.from_text(" ".join(f"Sentence number {i} is here." for i in range(40)))
    sections = model_sections(doc, limit=200)
    assert [s for section in sections for s in section] == list(doc.sentences)
    assert all(sum(len(s.text) for s in section) <= 200 for section in sections)
    assert len(sections) > 1


def test_scores_equal_those_of_the_transformers_model(tiny, tiny_dir):
    from transformers import AutoModelForCausalLM

    reference = AutoModelForCausalLM.from_pretrained(str(tiny_dir), dtype="float32").eval()
    for text, scores in zip(TRAIN, tiny.token_scores(TRAIN)):
        ids, _ = tiny._encode(text)
        with torch.inference_mode():
            logits = reference(input_ids=torch.tensor([ids])).logits[0, :-1]
        expected = torch.log_softmax(logits, -1).gather(1, torch.tensor(ids[1:])[:, None])[:, 0].tolist()
        assert [s.logprob for s in scores] == pytest.approx(expected, abs=1e-4)


def test_segmented_attention_equals_masked_attention():
    from torch.nn.functional import scaled_dot_product_attention

    from mtcheck.model.attention import Segments, segmented_attention

    torch.manual_seed(1)
    heads, kv_heads, dim = 4, 2, 8
    past, new = 5, 7
    q = torch.randn(heads, new, dim)
    k, v = torch.randn(kv_heads, past + new, dim), torch.randn(kv_heads, past + new, dim)
    # row 0..2 continues the first 3 cached keys; rows 3..6 are a fresh causal sequence
    segments = Segments(
        (slice(0, 3), slice(3, 7)),
        ((slice(0, 3), slice(past, past + 3)), (slice(past + 3, past + 7),)),
        (torch.ones(3, 6, dtype=torch.bool).tril(diagonal=3), None),
    )
    got = segmented_attention(q, k, v, segments, dim**-0.5)
    mask = torch.zeros(new, past + new, dtype=torch.bool)
    mask[0:3, 0:3] = True
    mask[0:3, past : past + 3] = torch.ones(3, 3, dtype=torch.bool).tril()
    mask[3:7, past + 3 : past + 7] = torch.ones(4, 4, dtype=torch.bool).tril()
    expected = scaled_dot_product_attention(q[None], k[None], v[None], attn_mask=mask, scale=dim**-0.5, enable_gqa=True)[0]
    assert torch.allclose(got, expected.transpose(0, 1), atol=1e-5)


def test_loading_a_cached_model_does_not_import_transformers(tiny_dir):
    import subprocess
    import sys

    code = (
        "import sys; from mtcheck.model.lm import SmolLM; "
        f"lm = SmolLM.from_dir({str(tiny_dir)!r}, '<|endoftext|>'); lm.token_scores(['The minister']); "
        "assert 'transformers' not in sys.modules, 'transformers imported'"
    )
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(root)})
    assert proc.returncode == 0, proc.stderr


def test_bert_encoder_equals_the_transformers_bert():
    from transformers import BertConfig, BertModel

    from mtcheck.model.bert import Bert

    torch.manual_seed(2)
    config = BertConfig(vocab_size=50, hidden_size=16, num_hidden_layers=2, num_attention_heads=4,
                        intermediate_size=32, max_position_embeddings=40)
    reference = BertModel(config, add_pooling_layer=False).eval()
    ours = Bert(config.to_dict(), reference.state_dict())
    ids = torch.tensor([[2, 7, 9, 11, 3], [2, 5, 3, 0, 0]])
    mask = (ids != 0).long()
    types = torch.zeros_like(ids)
    with torch.inference_mode():
        expected = reference(input_ids=ids, attention_mask=mask, token_type_ids=types).last_hidden_state
        got = ours.encode(ids, mask, types)
    assert torch.allclose(got[mask.bool()], expected[mask.bool()], atol=1e-5)


def test_a_cut_state_extended_equals_the_whole_state(tiny):
    text = TRAIN[0]
    (whole,) = tiny.text_states([text])
    cut, bos_only = tiny.text_states([text, text], [20, 0])
    assert len(cut.ids) < len(whole.ids)
    extended, again, fresh = tiny.extend_states([(text, cut), (text, whole), (text, bos_only)])
    assert again is whole  # a state that covers its text is kept as it is
    for state in (extended, fresh):
        assert state.text == text and state.ids == whole.ids and state.spans == whole.spans
        assert torch.allclose(state.keys, whole.keys, atol=1e-5)
        assert torch.allclose(state.values, whole.values, atol=1e-5)
        assert torch.allclose(state.hidden, whole.hidden, atol=1e-5)
    # variants continue the extended state as they continue the whole one
    groups = [("The government", [" survived a vote", " lost a vote"], s) for s in (whole, extended)]
    a, b = tiny.suffix_logprobs(groups)
    assert a == pytest.approx(b, abs=1e-4)


def test_repeated_variants_are_run_once_and_score_alike(tiny, monkeypatch):
    text = TRAIN[1]
    (state,) = tiny.text_states([text])
    prefix = "The minister"
    suffixes = [" went to the meeting", " assisted to the meeting"]
    runs = []
    original = type(tiny)._run_after

    def counting(self, rows):
        runs.append(sum(len(ids) for _, _, ids in rows))
        return original(self, rows)

    monkeypatch.setattr(type(tiny), "_run_after", counting)
    once = tiny.suffix_logprobs([(prefix, suffixes, state)])
    tokens_once = sum(runs)
    runs.clear()
    twice = tiny.suffix_logprobs([(prefix, suffixes, state), (prefix, suffixes, state)])
    assert sum(runs) == tokens_once  # the second group's rows are the first group's
    assert twice == [once[0], once[0]]
    # a row's last token is never run: a one-token variant runs nothing
    runs.clear()
    tiny.suffix_logprobs([(prefix, [" X"], state)])
    assert sum(runs) <= len(tiny._encode(" X")[0]) - 2


def test_segments_after_let_each_row_see_its_context_and_itself():
    from mtcheck.model.attention import Segments

    seg = Segments.after([3, 2], [[2, 1], [2]])
    assert seg.queries == (slice(0, 3), slice(3, 5))
    assert seg.keys == ((slice(0, 3), slice(5, 8)), (slice(3, 5), slice(8, 10)))
    first = seg.masks[0].tolist()
    assert first[0] == [True, True, True, True, False, False]
    assert first[1] == [True, True, True, True, True, False]
    assert first[2] == [True, True, True, False, False, True]  # the one-token row sees only itself


def test_a_held_sentence_is_run_only_as_far_as_the_corrector_reads(tiny):
    from mtcheck.document import Document
    from mtcheck.scoring import Calibration, score_section

    doc = Document.from_text(" ".join(TRAIN))
    first, second, third = doc.sentences
    context = score_section(tiny, Calibration(), doc.sentences, {}, {first.start: 14, second.start: None})
    assert set(context.states) == {first.start, second.start}
    assert context.states[second.start].text == second.text
    cut = context.states[first.start]
    assert 14 <= len(cut.text) < len(first.text) and first.text.startswith(cut.text)
    plain = score_section(tiny, Calibration(), doc.sentences, {}, [first.start])  # starts only: whole sentences
    assert plain.states[first.start].text == first.text
