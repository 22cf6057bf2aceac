"""Write README.md from nbs/index.ipynb (quarto, which `nbdev-readme` needs, cannot be installed here).

Markdown cells are copied as they are; code cells become fenced Python blocks (cells with `#|` directives are
left out). `python .ci/make_readme.py --check` exits 1 if README.md is not what the notebook says.
"""
import sys
from pathlib import Path
import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTICE = '<!-- Generated from nbs/index.ipynb by .ci/make_readme.py: edit the notebook, not this file. -->'


def render(nb_path=ROOT / 'nbs' / 'index.ipynb') -> str:
    "The README text for the notebook at `nb_path`."
    parts = [NOTICE]
    for cell in nbformat.read(nb_path, as_version=4).cells:
        src = cell.source.strip()
        if not src or src.startswith('#|'): continue
        parts.append(src if cell.cell_type == 'markdown' else f'```python\n{src}\n```')
    return '\n\n'.join(parts) + '\n'


if __name__ == '__main__':
    readme, text = ROOT / 'README.md', render()
    if '--check' in sys.argv[1:]:
        if not readme.exists() or readme.read_text() != text:
            sys.exit('README.md is out of date with nbs/index.ipynb: run `python .ci/make_readme.py` and commit it')
        print('README.md is current')
    else:
        readme.write_text(text)
        print(f'wrote {readme}')
