"""Shared set-up of the peer-comparison scripts: benches/.venv with pinned packages.

pyworkforce 0.5.4 (ErlangA, ErlangB) declares Python >= 3.12 but runs on 3.11; it goes,
without dependencies, into benches/.venv/pw054 so that 0.5.1 (what pip resolves on 3.11)
stays importable too.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(HERE, ".venv")
PY = os.path.join(VENV, "bin", "python")
PW054 = os.path.join(VENV, "pw054")
PINS = ["mpmath==1.4.1", "ciw==3.2.7", "pyworkforce==0.5.1", "numpy==2.4.6"]


def ensure():
    """Create the venv with the pins if needed, then re-run the calling script inside it."""
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    if not os.path.exists(PY):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([PY, "-m", "pip", "install", "-q", *PINS])
    if not os.path.exists(os.path.join(PW054, "pyworkforce")):
        subprocess.check_call([PY, "-m", "pip", "install", "-q", "--no-deps",
                               "--ignore-requires-python", "--target", PW054,
                               "pyworkforce==0.5.4"])
    os.execv(PY, [PY, os.path.abspath(sys.argv[0]), *sys.argv[1:]])
