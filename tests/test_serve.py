"""The server's pieces without a browser: the certificate, the command line Voilà gets,
the CLI's refusals, the QR code in the terminal and the personal-link lines."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from repairbook.cli import cli
from repairbook.serve import ServeOptions, is_loopback, lan_address, voila_command, voila_env
from repairbook.tls import ensure_certificate, fingerprint


def test_certificate_made_once_private_key_0600_and_fingerprint_matches_openssl(
    tmp_path: Path,
) -> None:
    assert fingerprint(tmp_path) is None
    cert = ensure_certificate(tmp_path, ["127.0.0.2"])
    assert cert.made_now and (cert.key.stat().st_mode & 0o777) == 0o600
    assert (cert.key.parent.stat().st_mode & 0o777) == 0o700
    # an outside judge: openssl's own fingerprint of the file
    out = subprocess.run(
        ["openssl", "x509", "-in", str(cert.cert), "-noout", "-fingerprint", "-sha256"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip().split("=", 1)[1] == cert.fingerprint == fingerprint(tmp_path)
    san = subprocess.run(
        ["openssl", "x509", "-in", str(cert.cert), "-noout", "-ext", "subjectAltName"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "IP Address:127.0.0.2" in san and "DNS:localhost" in san
    again = ensure_certificate(tmp_path, ["127.0.0.2"])
    assert not again.made_now and again.fingerprint == cert.fingerprint
    # a new address: remade, still naming the old one
    wider = ensure_certificate(tmp_path, ["127.0.0.3"])
    assert wider.made_now and {"127.0.0.2", "127.0.0.3"} <= set(wider.names)


def test_voila_gets_no_secret_on_its_command_line(tmp_path: Path) -> None:
    opts = ServeOptions(workbook=tmp_path, port=9999)
    cmd = " ".join(voila_command(opts, tmp_path / "nb.ipynb", tmp_path))
    assert opts.token not in cmd and "--token" not in cmd
    assert "preheat" not in cmd  # no /voila/query hand-off route
    assert voila_env(opts)["REPAIRBOOK_SERVE_TOKEN"] == opts.token


def test_addresses(monkeypatch: pytest.MonkeyPatch) -> None:
    assert is_loopback("127.0.0.2") and is_loopback("localhost") and not is_loopback("10.0.0.5")
    lan = lan_address()  # picks a route; sends nothing
    assert lan is None or not is_loopback(lan)
    opts = ServeOptions(workbook=Path("x"), host="127.0.0.2", port=1, certfile=Path("c"))
    assert opts.url.startswith("https://127.0.0.2:1/?token=")
    assert "127.0.0.2" in opts.allowed_hosts() and "localhost" in opts.allowed_hosts()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["serve", "--port", "70000"], "--port"),
        (["serve", "--host", "127.0.0.2", "--lan"], "either --host or --lan"),
        (["serve", "--host", "203.0.113.9"], "not an address of this computer"),
        (["serve", "--host", "127.0.0.2"], "no workbook"),
        (["serve", "--max-pages", "0"], "--max-pages"),
    ],
)
def test_serve_refusals_are_one_sentence(tmp_path: Path, args: list[str], words: str) -> None:
    res = CliRunner().invoke(cli, ["--workbook", str(tmp_path / "wb"), *args])
    assert res.exit_code == 1, res.output
    assert words in res.output and "Traceback" not in res.output


def _decode_terminal_qr(text: str) -> list[str]:
    """Draw segno's compact terminal QR (half blocks, two rows a line) and decode it with
    zxing-cpp."""
    import zxingcpp
    from PIL import Image

    rows = [ln for ln in text.splitlines() if ln.strip("\n")]
    width = max(len(r) for r in rows)
    scale = 8
    img = Image.new("L", (width * scale, len(rows) * 2 * scale), 255)
    px = img.load()
    assert px is not None
    # in compact mode, a light module is drawn (ink on the terminal) and a dark one left blank
    top = {"█": True, "▀": True, "▄": False, " ": False}
    bottom = {"█": True, "▀": False, "▄": True, " ": False}
    for y, row in enumerate(rows):
        for x, ch in enumerate(row.ljust(width)):
            for half, light in ((0, top.get(ch, False)), (1, bottom.get(ch, False))):
                if not light:
                    for dy in range(scale):
                        for dx in range(scale):
                            px[x * scale + dx, (2 * y + half) * scale + dy] = 0
    return [r.text for r in zxingcpp.read_barcodes(img)]


def test_qr_in_the_terminal_decodes_to_the_address(capsys: pytest.CaptureFixture[str]) -> None:
    from repairbook.cli.serve_cmds import print_qr

    url = "https://192.168.1.20:8866/?token=abcDEF123_-xyz"
    print_qr(url)
    assert _decode_terminal_qr(capsys.readouterr().out) == [url]


def test_personal_lines_when_the_couple_service_offers_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import repairbook.couple as couple
    from repairbook.cli.serve_cmds import personal_links

    monkeypatch.delattr(couple, "personal_links", raising=False)
    assert personal_links(tmp_path, "https://h:1/?token=t") == []
    seen = []

    def fake(workbook: Path, base: str) -> list[tuple[str, str]]:
        seen.append((workbook, base))
        return [("Alex", base + "&me=1")]

    monkeypatch.setattr(couple, "personal_links", fake, raising=False)
    assert personal_links(tmp_path, "https://h:1/?token=t") == [
        ("Alex", "https://h:1/?token=t&me=1")
    ]
    assert seen == [(tmp_path, "https://h:1/?token=t")]


def test_a_warm_kernel_runs_only_the_notebooks_imports() -> None:
    from repairbook.serve import APP_SOURCE
    from repairbook.serve_voila import leading_imports

    assert leading_imports(APP_SOURCE) == "import repairbook.ui as rb"
    # nothing after the first statement that is not an import (that would open a workbook)
    assert leading_imports("import a\nfrom b import c\nx = 1\nimport d") == (
        "import a\nfrom b import c"
    )
    assert leading_imports("rb.app()") == "" and leading_imports("def (") == ""


def test_a_pages_request_reaches_a_warm_kernel_as_data_never_as_code(tmp_path: Path) -> None:
    """The page's query string goes into the warm kernel's environment exactly as typed,
    however hostile; nothing in it runs."""
    import os
    import sys

    from repairbook.serve_voila import request_variables_code

    canary = tmp_path / "ran"
    hostile = f"key=x'));open({str(canary)!r},'w')#\\\"\n\x00é&a=%27"
    code = request_variables_code({"QUERY_STRING": hostile, "SERVER_PORT": "8866"})
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport os; print(repr(os.environ['QUERY_STRING']))"],
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "QUERY_STRING"},
    )
    # a NUL cannot live in an environment: the kernel refuses it rather than cut it short
    assert "embedded null byte" in out.stderr
    clean = hostile.replace("\x00", "")
    code = request_variables_code({"QUERY_STRING": clean})
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport os; print(repr(os.environ['QUERY_STRING']))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == repr(clean)
    assert not canary.exists()
