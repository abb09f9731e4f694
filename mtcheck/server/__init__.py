"""``mtcheck serve``: the HTTP API and the review page, on the same pipeline as the CLI.

:mod:`mtcheck.server.service` checks and fixes text (loaded once, shared by requests),
:mod:`mtcheck.server.store` keeps reviews in SQLite, :mod:`mtcheck.server.app` is the
Starlette application and :mod:`mtcheck.server.api` its request validation.
"""
