"""The model as judge of rewrites that rules and tables can propose but not decide.

:mod:`mtcheck.judge.proposers` generates narrow candidate rewrites from a sentence's parse;
:mod:`mtcheck.judge.score` scores each one as log P(rewrite) − log P(original) over the rest
of its sentence with the language model's shared-prefix scoring; rule L002
(:mod:`mtcheck.rules.judged`) keeps those above their edit type's calibrated margin.
"""
