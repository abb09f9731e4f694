"""Bad and odd input: one clear line and exit 2, or a clean result with exact offsets."""

from __future__ import annotations

import builtins
import codecs
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from mtcheck import io as mio
from mtcheck.cli import main
from mtcheck.errors import InputError
from mtcheck.pipeline import check_text
from mtcheck.stream import check_large_file, check_path, iter_blocks, iter_findings, split_point

REPO = Path(__file__).resolve().parents[1]
BAD_SENTENCE = "He added: « The fights will not stop. » They sent arms in arms to Kyiv."


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(["scan", "--color", "never", *args])
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def assert_one_line_error(code: int, err: str, *needles: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("mtcheck: error: ")
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0]


def write(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def scan_json(capsys, *args: str) -> tuple[int, dict]:
    code, out, err = run_cli(capsys, "--format", "json", *args)
    assert err == ""
    return code, json.loads(out)


def test_missing_file(capsys, tmp_path):
    code, _, err = run_cli(capsys, str(tmp_path / "nope.txt"))
    assert_one_line_error(code, err, "nope.txt", "no such file")


def test_directory_where_a_file_is_expected(capsys, tmp_path):
    (tmp_path / "articles").mkdir()
    code, _, err = run_cli(capsys, "--config", str(tmp_path / "articles"), str(tmp_path))
    assert_one_line_error(code, err, "articles")
    with pytest.raises(InputError, match="is a directory"):
        mio.read_source(str(tmp_path))


def test_a_directory_without_articles_is_a_clear_error(capsys, tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    code, _, err = run_cli(capsys, str(tmp_path))
    assert_one_line_error(code, err, "no article files")


def test_permission_denied_reported_in_one_line(capsys, tmp_path, monkeypatch):
    path = write(tmp_path, "secret.txt", b"Hello.")
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        if str(file) == path:
            raise PermissionError(13, "Permission denied", path)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    code, _, err = run_cli(capsys, path)
    assert_one_line_error(code, err, "secret.txt", "permission denied")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_on_a_real_unreadable_file(capsys, tmp_path):
    path = write(tmp_path, "locked.txt", b"Hello.")
    os.chmod(path, 0)
    try:
        code, _, err = run_cli(capsys, path)
    finally:
        os.chmod(path, 0o600)
    assert_one_line_error(code, err, "permission denied")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  \n", b"\xef\xbb\xbf"])
def test_empty_and_whitespace_only_files_are_clean(capsys, tmp_path, data):
    code, report = scan_json(capsys, write(tmp_path, "empty.txt", data))
    assert code == 0
    (only,) = report["files"] if "files" in report else [report]
    assert only["findings"] == []


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"plain start\x00then NUL", bytes(range(1, 32)) * 40],
)
def test_binary_files_are_refused(capsys, tmp_path, data):
    code, _, err = run_cli(capsys, write(tmp_path, "image.bin", data))
    assert_one_line_error(code, err, "binary")


def test_cp1252_text_names_the_encoding_flag_and_the_flag_works(capsys, tmp_path):
    text = "Le président said it’s « done ». Café in arms in arms.\n"
    path = write(tmp_path, "legacy.txt", text.encode("cp1252"))
    code, _, err = run_cli(capsys, path)
    assert_one_line_error(code, err, "not valid UTF-8", "--encoding cp1252", "line 1")
    code, report = scan_json(capsys, "--encoding", "cp1252", path)
    assert code == 1
    found = {f["code"] for f in report["files"][0]["findings"]}
    assert {"T001", "R001"} <= found


def test_latin1_only_text_suggests_latin1(tmp_path):
    data = "Fran\u00e7ois and the \x81 byte".encode("latin-1")
    assert mio.guess_encoding(data) == "latin-1"


def test_utf16_without_bom_suggests_utf16(capsys, tmp_path):
    path = write(tmp_path, "wide.txt", "Hello « world ».".encode("utf-16-le"))
    code, _, err = run_cli(capsys, path)
    assert_one_line_error(code, err, "--encoding utf-16-le")
    code, report = scan_json(capsys, "--encoding", "utf-16-le", path)
    assert report["files"][0]["findings"]


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_text_with_a_bom_is_read_and_offsets_count_from_after_it(capsys, tmp_path, codec):
    path = write(tmp_path, "bom.txt", BAD_SENTENCE.encode(codec))
    code, report = scan_json(capsys, path)
    assert code == 1
    findings = report["files"][0]["findings"]
    first = findings[0]
    assert BAD_SENTENCE[first["start"] : first["end"]] == first["text"]
    assert (first["line"], first["column"]) == (1, BAD_SENTENCE.index("«") + 1)


def test_unknown_encoding_is_a_usage_error(capsys, tmp_path):
    code, _, err = run_cli(capsys, "--encoding", "klingon-8", write(tmp_path, "a.txt", b"Hi."))
    assert_one_line_error(code, err, "unknown encoding")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_keep_line_and_column_exact(newline):
    text = f"First paragraph.{newline}Second « quoted » one.{newline}{newline}Third in arms in arms."
    report = check_text(text)
    for f in report.findings:
        assert text[f.start : f.end] == f.text
    guillemet = next(f for f in report.findings if f.code == "T001")
    assert report.line_col(guillemet.start) == (2, len("Second ") + 1)
    doubled = next(f for f in report.findings if f.code == "R001")
    assert report.line_col(doubled.start)[0] == 4


def test_emoji_combining_marks_and_mixed_scripts_keep_offsets_exact():
    text = (
        "🇫🇷 Zelensky 👍🏽 met Путин in Kyiv. Cafe\u0301 « naïve » résumé 東京 arms in arms.\n"
        "Ελλάδα and עברית; e\u0301e\u0301 « x »."
    )
    report = check_text(text)
    assert report.findings
    for f in report.findings:
        assert text[f.start : f.end] == f.text
    second = [f for f in report.findings if f.start > text.index("\n")][0]
    line, col = report.line_col(second.start)
    assert line == 2 and col == second.start - text.index("\n")


@pytest.mark.slow
def test_a_single_5mb_line_is_checked(tmp_path):
    unit = "The minister said « yes » and the the vote went ahead, "
    text = unit * (5 * 1024 * 1024 // len(unit))
    path = write(tmp_path, "oneline.txt", text.encode())
    report = check_path(path)
    assert len(report.text) == len(text)
    assert len(report.findings) == 3 * text.count(unit)
    assert all(text[f.start : f.end] == f.text for f in report.findings[:50])


def test_blocks_join_to_the_file_and_never_split_crlf(tmp_path):
    text = ("Para one « x ».\r\nStill one.\r\n\r\n" + "word " * 37 + "\r\n") * 300
    path = write(tmp_path, "crlf.txt", codecs.BOM_UTF8 + text.encode())
    blocks = list(iter_blocks(path, block_chars=1000))
    assert len(blocks) > 10
    assert "".join(blocks) == text
    for block in blocks[1:]:
        assert not block.startswith("\n")


def test_split_point_falls_back_to_space_then_hard_cut_without_splitting_marks():
    assert split_point("aaaa bbbb cccc dddd", 12) == 10
    text = "e\u0301" * 20
    cut = split_point(text, 11)
    assert text[cut] == "e" and cut <= 11


def test_streamed_findings_equal_whole_document_findings(tmp_path):
    paragraph = "Poutine said « no ». Troops in arms in arms arrived.\n\nAnother calm paragraph here.\n"
    text = paragraph * 200
    path = write(tmp_path, "many.txt", text.encode())
    whole = check_text(text, path)
    streamed = check_large_file(path, block_chars=2000)
    assert streamed.text == whole.text
    assert streamed.findings == whole.findings
    assert streamed.words == whole.words
    assert tuple(streamed.line_starts) == whole.line_starts
    assert tuple(iter_findings(path, block_chars=2000)) == whole.findings


def test_streamed_decoding_errors_are_one_line(tmp_path):
    data = b"Good text.\n" * 5000 + "caf\u00e9\n".encode("cp1252")
    path = write(tmp_path, "late.txt", data)
    with pytest.raises(InputError, match="pass --encoding cp1252"):
        list(iter_blocks(path, block_chars=1000))


def _write_archive(path, megabytes: int) -> int:
    """Write paragraphs, one in ten with two artifacts; return the number of those."""
    clean = "Vladimir Putin said “no” on Monday. The talks went on in Kyiv.\n\n"
    paragraph = "Vladimir Poutine said « no » on Monday. The talks went on in Kyiv.\n\n" + clean * 9
    repeats = megabytes * 1024 * 1024 // len(paragraph.encode()) // 1000 * 1000
    with open(path, "w", encoding="utf-8") as handle:
        for _ in range(repeats // 1000):
            handle.write(paragraph * 1000)
    return repeats


def test_a_50mb_file_is_read_in_bounded_memory(tmp_path):
    path = tmp_path / "archive.txt"
    repeats = _write_archive(path, 50)
    tracemalloc.start()
    blocks = paragraphs = 0
    for block in iter_blocks(str(path)):
        blocks += 1
        paragraphs += block.count("\n\n")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert paragraphs == 10 * repeats and blocks > 40
    assert peak < 40 * 1024 * 1024, f"peak {peak / 2**20:.0f} MiB while reading 50 MiB"


@pytest.mark.slow
def test_a_file_over_the_threshold_is_scanned_from_the_cli_in_bounded_memory(tmp_path):
    path = tmp_path / "archive.txt"
    flawed = _write_archive(path, 10)
    assert path.stat().st_size > mio.STREAM_THRESHOLD_BYTES
    script = (
        "import resource, sys\n"
        "from mtcheck.cli import main\n"
        "try:\n"
        "    main(['scan', '--format', 'json', '--select', 'T001', sys.argv[1]])\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
        "rss = int(hwm[0].split()[1]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(code, rss, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    code, peak_kib = done.stderr.split()[-2:]
    assert int(code) == 1
    report = json.loads(done.stdout)
    assert len(report["files"][0]["findings"]) == 2 * flawed
    # A whole-file Document of 10 MiB costs several hundred MiB; block-wise stays far below.
    assert int(peak_kib) < 300 * 1024, f"peak RSS {int(peak_kib) / 1024:.0f} MiB"


def test_files_over_the_hard_limit_are_refused(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(mio, "MAX_INPUT_BYTES", 100)
    code, _, err = run_cli(capsys, write(tmp_path, "big.txt", b"word " * 40))
    assert_one_line_error(code, err, "limit", "split")


def test_large_files_go_through_the_stream_from_the_cli(capsys, tmp_path, monkeypatch):
    import mtcheck.stream as stream

    monkeypatch.setattr(stream, "STREAM_THRESHOLD_BYTES", 1000)
    monkeypatch.setattr(stream, "BLOCK_CHARS", 500)
    text = "Intro « here ».\n\n" * 200
    path = write(tmp_path, "mid.txt", text.encode())
    calls = []
    real = stream.check_large_file
    monkeypatch.setattr(stream, "check_large_file", lambda *a, **k: calls.append(a) or real(*a, **k))
    code, report = scan_json(capsys, path)
    assert calls and code == 1
    assert len(report["files"][0]["findings"]) == 400
