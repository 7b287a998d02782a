"""Faults done for real: `qa index` killed with SIGKILL at any moment leaves the previous index servable."""

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from qa.config import Settings
from qa.indexer import build_index
from qa.store import backend
from qa.store.files.layout import read_manifest

from .conftest import SEEDS

pytestmark = pytest.mark.slow
QA = [sys.executable, "-c", "from qa.cli import main; main()"]


def test_sigkill_during_indexing_never_loses_the_index(real_embedder, tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    settings = Settings(index=str(tmp_path / "index"))
    build_index([folder], settings.index, settings, lambda: real_embedder)
    (folder / "extra.txt").write_text("Extra\nHague and Lavrov met in London on Monday to talk about Syria.")
    outcomes = set()
    for delay in (0.2, 2.0, 5.0, 7.5, 9.0):
        before = read_manifest(settings.index)
        process = subprocess.Popen([*QA, "index", str(folder), "--index", settings.index, "--no-cache"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        finished = process.poll() is not None
        if not finished:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        after = read_manifest(settings.index)
        store = backend(settings, settings.index).open()  # loads whole, whichever generation it is
        if after["generation"] == before["generation"]:
            assert store.manifest == before, "an interrupted build left the previous index as it was"
        else:
            assert len(store.corpus.articles) == 6, "a finished build is complete"
        outcomes.add("finished" if finished else "killed")
    assert "killed" in outcomes
