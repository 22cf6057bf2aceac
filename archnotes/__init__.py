"""Teaching notebooks that build the application-architectures chapter of the fastai book from scratch in plain PyTorch, and measure its claims.

Modules:

- `archnotes.all`: The library in one import: `from archnotes.all import *` (as `fastai.vision.all` does).
- `archnotes.docs`: The docs site, built without quarto: `python -m archnotes.docs [--out DIR]` (default `_docs/`).
- `archnotes.lab.all`: The lab: every experiment that measures the chapter, and the registry that `python -m archnotes` runs."""

__version__ = "0.1.0"
