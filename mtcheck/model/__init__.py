"""The local models: a small causal language model that scores and proposes words, and a
sentence-embedding model that guards meaning.

Nothing here imports torch at import time: it is imported only when a model is actually
loaded, so ``mtcheck scan`` without the model stays light. transformers is imported only to
expand the GGUF into the cache; the models then run in plain torch (``llama.py``, ``bert.py``).
"""
