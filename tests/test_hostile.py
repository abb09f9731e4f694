"""Hostile input and output paths, each run through the real command line in a subprocess.

Every case checks the exit status, the one-line message, that no traceback appeared and that
no input changed (hash before and after). Inputs stay tiny; sizes live in benchmarks/.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.errors import UsageError
from mtcheck.io import check_outputs

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Poutine said the the thing in Moscow on Monday.\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run(*args: str, cwd: Path, stdin=None, env: dict[str, str] | None = None, timeout: float = 60,
        **popen: object) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "mtcheck", *args], cwd=cwd, stdin=stdin, env=environ,
                          capture_output=True, text=True, timeout=timeout, **popen)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line_error(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("mtcheck: error:")]
    assert len(errors) == 1, proc.stderr
    for needle in needles:
        assert needle in errors[0], errors[0]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "b.txt").write_text(ARTICLE)
    return tmp_path


# --- an output that is an input is refused -------------------------------------------------

@pytest.mark.parametrize("args", [
    ("scan", "a.txt", "-o", "a.txt"),
    ("scan", "a.txt", "-o", "./d/../a.txt"),
    ("scan", "a.txt", "-o", "link.txt"),
    ("scan", "a.txt", "-o", "hard.txt"),
    ("scan", "a.txt", "--write-baseline", "a.txt"),
    ("scan", "d", "-o", "d/b.txt"),
    ("scan", "a.txt", "-f", "json", "-o", "d/b.txt", "d"),
    ("fix", "a.txt", "--no-model", "-o", "link.txt"),
    ("diff", "a.txt", "--no-model", "-o", "hard.txt"),
])
def test_output_that_is_an_input_is_refused(tree: Path, args: tuple[str, ...]) -> None:
    (tree / "link.txt").symlink_to("a.txt")
    os.link(tree / "a.txt", tree / "hard.txt")
    before = digest(tree / "a.txt"), digest(tree / "d" / "b.txt")
    proc = run(*args, cwd=tree)
    one_line_error(proc, "input")
    assert (digest(tree / "a.txt"), digest(tree / "d" / "b.txt")) == before
    assert (tree / "link.txt").is_symlink()


def test_stdin_that_is_the_output_file_is_refused(tree: Path) -> None:
    before = digest(tree / "a.txt")
    with open(tree / "a.txt", "rb") as stdin:
        proc = run("scan", "-", "-o", "a.txt", cwd=tree, stdin=stdin)
    one_line_error(proc, "standard input")
    assert digest(tree / "a.txt") == before


def test_two_outputs_naming_one_file_are_refused(tree: Path) -> None:
    proc = run("scan", "a.txt", "-f", "json", "-o", "r.json", "--write-baseline", "./r.json", cwd=tree)
    one_line_error(proc, "two outputs")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["a.txt", "./a.txt", "d/../a.txt", "link", "hard", "b.txt", "new.txt", "d/new.txt"]),
                min_size=1, max_size=3),
       st.sampled_from(["a.txt", "./a.txt", "link", "hard", "b.txt", "new.txt", "d/new.txt", "d/../b.txt", "-"]))
def test_property_no_output_path_ever_equals_an_input(inputs: list[str], output: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        (base / "d").mkdir()
        for name in ("a.txt", "b.txt"):
            (base / name).write_text(ARTICLE)
        (base / "link").symlink_to("a.txt")
        os.link(base / "a.txt", base / "hard")
        old = os.getcwd()
        os.chdir(base)
        try:
            same = output != "-" and any(
                os.path.realpath(i) == os.path.realpath(output)
                or (os.path.exists(i) and os.path.exists(output) and os.path.samefile(i, output)) for i in inputs)
            if same:
                with pytest.raises(UsageError):
                    check_outputs([output], inputs)
            else:
                check_outputs([output], inputs)
        finally:
            os.chdir(old)


# --- writing: devices, links, mode, encoding -------------------------------------------------

def test_report_written_through_a_symlink_keeps_the_link_and_the_mode(tree: Path) -> None:
    (tree / "reports").mkdir()
    real = tree / "reports" / "r.json"
    real.write_text("old")
    real.chmod(0o640)
    (tree / "r.json").symlink_to("reports/r.json")
    proc = run("scan", "a.txt", "-f", "json", "-o", "r.json", "--exit-zero", cwd=tree)
    assert proc.returncode == 0, proc.stderr
    assert (tree / "r.json").is_symlink()
    assert real.read_text().startswith("{") and stat.S_IMODE(real.stat().st_mode) == 0o640


def test_dev_null_stays_a_device(tree: Path) -> None:
    proc = run("scan", "a.txt", "-o", os.devnull, "--exit-zero", cwd=tree)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_report_into_a_fifo_is_written_directly(tree: Path) -> None:
    fifo = tree / "out.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    proc = run("scan", "a.txt", "-f", "json", "-o", str(fifo), "--exit-zero", cwd=tree)
    out, _ = reader.communicate(timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert out.startswith("{") and stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.skipif(not IS_ROOT, reason="replacing a device node needs root")
def test_dev_stdout_is_written_not_replaced(tree: Path) -> None:
    proc = run("scan", "a.txt", "-o", "/dev/stdout", "--exit-zero", cwd=tree)
    assert proc.returncode == 0 and "U001" in proc.stdout
    assert os.path.islink("/dev/stdout") or stat.S_ISCHR(os.stat("/dev/stdout").st_mode)


@pytest.mark.parametrize("encoding, newline", [("utf-16", "\r\n"), ("latin-1", "\n"), ("utf-8-sig", "\r\n"),
                                                ("utf-32", "\r")])
def test_fix_in_place_keeps_encoding_bom_line_endings_and_mode(tmp_path: Path, encoding: str, newline: str) -> None:
    path = tmp_path / "a.txt"
    text = f"The Élysée said the the talks went well.{newline}Markets rose.{newline}"
    path.write_bytes(text.encode(encoding))
    path.chmod(0o604)
    args = ["fix", "a.txt", "--in-place", "--no-model", "-q"]
    if encoding == "latin-1":
        args += ["--encoding", "latin-1"]
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = path.read_bytes()
    expected = text.replace("the the", "the")
    assert data == expected.encode(encoding)
    assert stat.S_IMODE(path.stat().st_mode) == 0o604


# --- reading: caps, devices, FIFOs, links ----------------------------------------------------

@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_devices_stop(tree: Path, device: str) -> None:
    proc = run("scan", device, cwd=tree, timeout=30)
    one_line_error(proc, device)


def test_endless_text_pipe_stops_at_the_cap(tree: Path) -> None:
    yes = subprocess.Popen(["yes", "The talks went on."], stdout=subprocess.PIPE)
    try:
        proc = run("scan", "-", cwd=tree, stdin=yes.stdout, env={"MTCHECK_MAX_INPUT_BYTES": "200000"}, timeout=30)
    finally:
        yes.kill()
        yes.wait()
    one_line_error(proc, "<stdin>", "input limit")


def test_fifo_named_as_a_path_stops_at_the_cap(tree: Path) -> None:
    fifo = tree / "in.fifo"
    os.mkfifo(fifo)
    writer = subprocess.Popen(f"yes 'The talks went on.' > {fifo}", shell=True)
    try:
        proc = run("scan", str(fifo), cwd=tree, env={"MTCHECK_MAX_INPUT_BYTES": "200000"}, timeout=30)
    finally:
        writer.kill()
        writer.wait()
    one_line_error(proc, "input limit")


def test_folder_with_fifo_and_broken_links_is_scanned(tree: Path) -> None:
    os.mkfifo(tree / "d" / "pipe.txt")
    (tree / "d" / "dangling.txt").symlink_to("nowhere.txt")
    (tree / "d" / "loop1.txt").symlink_to("loop2.txt")
    (tree / "d" / "loop2.txt").symlink_to("loop1.txt")
    proc = run("scan", "d", "--exit-zero", cwd=tree, timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "pipe.txt: a FIFO" in proc.stderr and "dangling.txt: dangling symbolic link" in proc.stderr
    assert "loop1.txt: symbolic link loop" in proc.stderr
    assert "U001" in proc.stdout


def test_symlink_loop_as_a_path(tree: Path) -> None:
    (tree / "l1").symlink_to("l2")
    (tree / "l2").symlink_to("l1")
    one_line_error(run("scan", "l1", cwd=tree), "l1: symbolic link loop")


@pytest.mark.skipif(IS_ROOT, reason="root reads through missing permissions")
def test_folder_without_execute_permission(tree: Path) -> None:
    (tree / "d").chmod(0o600)
    try:
        proc = run("scan", "d/b.txt", cwd=tree)
    finally:
        (tree / "d").chmod(0o700)
    one_line_error(proc, "permission denied")


def test_one_undecodable_file_among_several_is_reported_and_the_run_goes_on(tree: Path) -> None:
    (tree / "d" / "latin.txt").write_bytes("café noir\n".encode("latin-1"))
    (tree / "d" / "zero.txt").write_bytes(b"\x00" * 100)
    before = digest(tree / "d" / "latin.txt")
    proc = run("scan", "d", "a.txt", cwd=tree)
    assert proc.returncode == 2, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("mtcheck: error:")]
    assert len(errors) == 2 and "latin.txt: not valid UTF-8" in errors[0] and "zero.txt" in errors[1]
    assert proc.stdout.count("U001") == 2 and "Traceback" not in proc.stderr
    assert digest(tree / "d" / "latin.txt") == before


# --- closed and full standard streams, missing folders ---------------------------------------

def test_stdout_is_dev_full(tree: Path) -> None:
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "mtcheck", "scan", "a.txt"], cwd=tree, stdout=full,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    one_line_error(proc, "standard output", "No space left")


def test_stdout_closed(tree: Path) -> None:
    proc = subprocess.run(f"{sys.executable} -m mtcheck scan a.txt >&-", shell=True, cwd=tree,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    one_line_error(proc, "standard output is closed")


def test_stdin_closed(tree: Path) -> None:
    proc = subprocess.run(f"{sys.executable} -m mtcheck scan - <&-", shell=True, cwd=tree,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    one_line_error(proc, "standard input is closed")


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_report_into_a_missing_folder(tree: Path, option: str) -> None:
    one_line_error(run("scan", "a.txt", option, "missing/r.txt", cwd=tree), "missing/r.txt", "does not exist")
    assert not (tree / "missing").exists()


def test_utf16_input_round_trips_through_io(tmp_path: Path) -> None:
    from mtcheck.io import read_source, write_text

    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF16_BE + "Élysée\r\nsaid.\r\n".encode("utf-16-be"))
    source = read_source(str(path))
    assert (source.encoding, source.bom, source.newline) == ("utf-16-be", codecs.BOM_UTF16_BE, "\r\n")
    write_text(str(tmp_path / "b.txt"), "Elysee\nsaid.\n", like=source)
    assert (tmp_path / "b.txt").read_bytes() == codecs.BOM_UTF16_BE + "Elysee\r\nsaid.\r\n".encode("utf-16-be")


# --- escaping: control characters and undecodable file names ---------------------------------

HOSTILE_NAME = b"bad\xff<img src=x onerror=alert(1)>\x1b[31m.txt"
HOSTILE_TEXT = "Poutine said \x1b[31mhello\x1b[0m\x07 and\x0b the the talks in Moscow went on.\n"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), HOSTILE_NAME), "w", encoding="utf-8") as handle:
        handle.write(HOSTILE_TEXT)
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "junit", "markdown", "html", "github"])
def test_every_format_survives_control_characters_and_undecodable_names(hostile: Path, fmt: str) -> None:
    import json
    import xml.dom.minidom

    proc = run("scan", "in", "-f", fmt, "-o", f"out.{fmt}", "--exit-zero", cwd=hostile)
    assert proc.returncode == 0, proc.stderr
    data = (hostile / f"out.{fmt}").read_bytes()
    text = data.decode("utf-8")  # never raw bytes of the file name
    assert "\x1b" not in text and "\x07" not in text
    if fmt in ("json", "sarif"):
        json.loads(text)
    if fmt == "jsonl":
        [json.loads(line) for line in text.splitlines()]
    if fmt == "junit":
        xml.dom.minidom.parseString(data)
    if fmt == "sarif":
        assert "bad%FF%3Cimg%20src=x%20onerror=alert(1)%3E%1B%5B31m.txt" in text
    if fmt in ("markdown", "html"):
        assert "<img" not in text
    if fmt == "json":
        assert json.loads(text)["files"][0]["path"].endswith("bad\udcff<img src=x onerror=alert(1)>\x1b[31m.txt")


def test_text_output_on_stdout_shows_escapes(hostile: Path) -> None:
    proc = run("scan", "in", "--exit-zero", cwd=hostile)
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout and "\\x1b[31mhello" in proc.stdout


def test_diff_with_an_undecodable_file_name(hostile: Path) -> None:
    name = os.fsdecode(os.path.join(b"in", HOSTILE_NAME))
    for fmt in ("diff", "markdown", "html"):
        proc = run("diff", name, "--no-model", "-f", fmt, "-o", f"out.{fmt}", cwd=hostile)
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr


def test_baseline_round_trips_an_undecodable_file_name(hostile: Path) -> None:
    proc = run("scan", "in", "--write-baseline", "b.json", cwd=hostile)
    assert proc.returncode == 0, proc.stderr
    (hostile / "b.json").read_bytes().decode("utf-8")
    proc = run("scan", "in", "--baseline", "b.json", "-f", "json", cwd=hostile)
    assert proc.returncode == 0 and '"findings": []' in proc.stdout, proc.stderr


def test_suppression_among_many_directives(tmp_path: Path) -> None:
    from mtcheck.findings import Finding, Severity
    from mtcheck.suppress import apply_suppressions

    line = "Talks went on. <!-- mtcheck: disable-line T001 -->\n"
    text = line * 50 + "Poutine <!-- mtcheck: disable U001 -->said.\n" + "<!-- mtcheck: disable T0 " * 50
    start = text.index("<!-- mtcheck: disable U001")
    inside = Finding("T002", "x", "typography", Severity.ERROR, start + 3, start + 8, text[start + 3:start + 8], "m")
    after = Finding("U001", "x", "untranslated", Severity.ERROR, start + 40, start + 44, text[start + 40:start + 44], "m")
    before = Finding("U001", "x", "untranslated", Severity.ERROR, start - 8, start - 1, text[start - 8:start - 1], "m")
    kept, _ = apply_suppressions(text, [before, inside, after])
    assert kept == (before,)


# --- the Dask engine -----------------------------------------------------------------------

def test_bad_scheduler_address_is_one_line_at_once(tree: Path) -> None:
    proc = run("scan", "a.txt", "--engine", "dask", "--scheduler", "not an address!!", cwd=tree, timeout=30)
    one_line_error(proc, "not a Dask address")


@pytest.mark.slow
def test_dask_without_workers_and_with_a_lost_scheduler(tree: Path) -> None:
    import socket
    import time

    pytest.importorskip("distributed")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                  "--port", str(port), "--no-dashboard"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    address = f"tcp://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.5)
        # No worker at all (the only worker killed): a one-line error, not a hang.
        proc = run("scan", "a.txt", "d/b.txt", "--engine", "dask", "--scheduler", address, cwd=tree,
                   env={"MTCHECK_DASK_NO_WORKER_TIMEOUT": "2"}, timeout=120)
        one_line_error(proc, "no worker")
        # The scheduler killed while results are awaited.
        env = {**os.environ, "PYTHONPATH": str(ROOT), "MTCHECK_DASK_NO_WORKER_TIMEOUT": "600"}
        scan = subprocess.Popen([sys.executable, "-m", "mtcheck", "scan", "a.txt", "--engine", "dask",
                                 "--scheduler", address], cwd=tree, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        time.sleep(15)
        scheduler.kill()
        out, err = scan.communicate(timeout=120)
        one_line_error(subprocess.CompletedProcess(scan.args, scan.returncode, out, err), "Dask scheduler")
    finally:
        scheduler.kill()
        scheduler.wait()


def test_permission_denied_on_the_way_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a folder without execute permission gives (simulated: root reads through it)."""
    import errno

    from mtcheck import discover
    from mtcheck.errors import InputError

    real = os.stat

    def denied(path, *args, **kwargs):
        if str(path).startswith("nox/"):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(discover.os, "stat", denied)
    with pytest.raises(InputError, match="nox/a.txt: permission denied"):
        discover.expand_paths(["nox/a.txt"])
    assert discover.path_problem("nox/a.txt") == "nox/a.txt: permission denied (cannot look inside its folder); skipped"


@pytest.mark.skipif(not IS_ROOT, reason="giving a file to another owner needs root")
def test_fix_in_place_keeps_the_owner(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("They sent the the arms.\n")
    os.chown(path, 4321, 4321)
    proc = run("fix", "a.txt", "--in-place", "--no-model", "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4321)
    assert path.read_text() == "They sent the arms.\n"


def test_a_growing_regular_file_stops_at_the_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck import stream
    from mtcheck.errors import InputError

    path = tmp_path / "big.txt"
    path.write_text("The talks went on.\n" * 2000)
    monkeypatch.setenv("MTCHECK_MAX_INPUT_BYTES", "20000")
    monkeypatch.setattr(stream, "file_size", lambda p: 0)  # as if the file grew after stat
    with pytest.raises(InputError, match="input limit"):
        list(stream.iter_blocks(str(path), block_chars=1000))


def test_a_large_file_undecodable_part_way_is_reported_and_the_run_goes_on(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck import stream
    from mtcheck.runner import ScanOptions, run_scan

    monkeypatch.setattr(stream, "STREAM_THRESHOLD_BYTES", 1000)
    bad = tmp_path / "a-big.txt"
    bad.write_bytes(("The talks went on in Moscow.\n\n" * 100).encode() + b"caf\xe9\n")
    good = tmp_path / "b.txt"
    good.write_text("Poutine said.\n")
    report = run_scan([str(bad), str(good)], ScanOptions())
    assert [fr.path for fr in report.files] == [str(good)]
    assert len(report.errors) == 1 and "a-big.txt: not valid UTF-8" in report.errors[0]
    from mtcheck.errors import InputError

    with pytest.raises(InputError, match="not valid UTF-8"):
        run_scan([str(bad)], ScanOptions())
