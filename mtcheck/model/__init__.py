"""The local models: a small causal language model that scores and proposes words, and a
sentence-embedding model that guards meaning.

Nothing here imports torch or transformers at import time: they are imported only when a
model is actually loaded, so ``mtcheck scan`` without the model stays light.
"""
