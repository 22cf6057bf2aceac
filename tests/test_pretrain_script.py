"""scripts/pretrain_body.py reproduces the shipped weights byte for byte (same torch version, same file name:
torch.save records the file's stem inside the archive). Slow (about 30 s): CI runs it."""
import subprocess, sys
from pathlib import Path
import pytest
from archnotes.models import DIGITS_SHA256, DIGITS_WEIGHTS, sha256

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_pretraining_script_reproduces_the_shipped_file(tmp_path):
    out = tmp_path / DIGITS_WEIGHTS
    subprocess.run([sys.executable, 'scripts/pretrain_body.py', '--out', str(out)], cwd=ROOT, check=True, capture_output=True,
                   env={'OMP_NUM_THREADS': '1', 'PATH': '/usr/bin:/bin'})
    assert sha256(out) == DIGITS_SHA256
