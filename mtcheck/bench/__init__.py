"""``mtcheck bench``: detection, correction and speed measured on the annotated corpus."""

from mtcheck.bench.report import BenchReport
from mtcheck.bench.runner import BenchOptions, ModelUnavailable, run_bench

__all__ = ["BenchOptions", "BenchReport", "ModelUnavailable", "run_bench"]
