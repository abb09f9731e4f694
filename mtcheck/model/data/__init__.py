"""Packaged model data: ``manifest.toml`` (which wheel holds which model, with checksums) and
``calibration.json`` (the corrector's and fluency rule's tuned constants). Read them through
:func:`mtcheck.model.manifest.data_path` / :func:`~mtcheck.model.manifest.read_data`."""
