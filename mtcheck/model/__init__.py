"""The local models: a small causal language model that scores and proposes words, and a
sentence-embedding model that guards meaning.

Nothing here imports torch at import time: it is imported only when a model is actually
loaded, so ``mtcheck scan`` without the model stays light. transformers is imported only to
expand the GGUF into the cache; the models then run in plain torch (``llama.py``, ``bert.py``).

Modules: ``runtime`` (torch import, thread policy), ``states`` (token scores, kept text
states, the :class:`LanguageModel` protocol), ``smollm`` (scoring), ``cache`` (the verified
safetensors cache), ``loader`` (finding and loading the model once per process),
``manifest`` and ``data/`` (the packaged manifest and calibration), ``embed`` (meaning guard).
"""

from mtcheck.model.runtime import prepare_environment

# before anything imports torch (spaCy does): the OpenMP runtime reads its wait policy once
prepare_environment()
