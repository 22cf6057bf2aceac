"""For tools that still call `setup.py` (and for nbdev 2 users).

Every setting lives in `pyproject.toml`; setuptools reads it from there, so nothing here can drift.
tests/test_config.py checks that `python setup.py --name --version` agrees with pyproject.toml.
"""
from setuptools import setup

setup()
