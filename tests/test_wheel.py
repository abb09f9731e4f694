"""Installed = developed: the wheel carries the model manifest and calibration, and ``fix``
from an installed wheel gives the same output as the checkout (issue 10).

The wheel is built with ``pip wheel --no-deps`` and installed ``--no-deps`` into a temporary
venv that sees this interpreter's site-packages (torch, spaCy … are not installed again) but
not the checkout: the installed ``mtcheck`` must be the one that runs.
"""

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "corpus" / "annotated" / "art-01-politics-budget-vote.txt"

pytestmark = pytest.mark.slow


def _run(cmd, **kw):
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, **kw)
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(python of a venv with the built wheel installed, the wheel's path)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "mtcheck", src / "mtcheck", ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(src)])
    wheel = next(dist.glob("mtcheck-*.whl"))
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    purelib = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    # this interpreter's packages (a venv's own are not "system" ones), after the venv's own
    ours = [p for p in {*site.getsitepackages(), sysconfig.get_paths()["purelib"]} if Path(p).is_dir()]
    (purelib / "zz-host-packages.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel)])
    return python, wheel


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(extra)
    return env


def _fix(python, cwd, env, *flags):
    out = cwd / f"out{len(flags)}.txt"
    proc = subprocess.run(
        [str(python), "-m", "mtcheck", "fix", str(ARTICLE), "-o", str(out), *flags],
        capture_output=True, text=True, env=env, cwd=cwd, timeout=900,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return out.read_text(encoding="utf-8"), proc.stderr


def test_the_wheel_ships_the_manifest_and_calibration(installed):
    _, wheel = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"mtcheck/model/data/manifest.toml", "mtcheck/model/data/calibration.json"} <= names


def test_the_installed_package_is_the_one_that_runs(installed, tmp_path):
    python, _ = installed
    proc = _run([str(python), "-c", "import mtcheck, mtcheck.correct as c; print(mtcheck.__file__); print(c.CALIBRATION_PATH)"],
                env=_env(), cwd=tmp_path)
    where, calibration = proc.stdout.split()
    assert not Path(where).is_relative_to(ROOT) and Path(calibration).is_file()
    assert Path(calibration).read_bytes() == (ROOT / "mtcheck/model/data/calibration.json").read_bytes()


def test_fix_without_the_model_matches_the_checkout(installed, tmp_path):
    python, _ = installed
    got, _ = _fix(python, tmp_path, _env(), "--no-model")
    want, _ = _fix(sys.executable, tmp_path, _env(PYTHONPATH=str(ROOT)), "--no-model")
    assert got == want and got != ARTICLE.read_text(encoding="utf-8")


@pytest.mark.model
def test_fix_with_the_model_matches_the_checkout(installed, tmp_path):
    python, _ = installed
    got, err = _fix(python, tmp_path, _env())
    assert "rules only" not in err, err
    want, err = _fix(sys.executable, tmp_path, _env(PYTHONPATH=str(ROOT)))
    assert "rules only" not in err, err
    assert got == want
