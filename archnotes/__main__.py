"""`python -m archnotes`: run the experiments the notebooks contain, print their tables, save their figures.

Each experiment is a function `run(quick: bool) -> (rows, figures)`, or `(rows, figures, notes)` where `notes` are
sentences computed from the rows, defined in a notebook; the notebook calls it with a small budget under
`nbdev-test`, and this command calls the same function with the full budget.
"""
from __future__ import annotations
import argparse, csv, difflib, importlib, sys, time
from pathlib import Path

# name: (module, function, what it shows). Add a line here when a notebook adds an experiment.
EXPERIMENTS = {
    'data': ('archnotes.data', 'describe_data', 'sizes and class balance of Digits and DigitScenes, with a batch of each'),
    'training': ('archnotes.training', 'training_demo', 'a small CNN on digits with one-cycle over 3 seeds, and lr_find'),
    'transfer': ('archnotes.transfer', 'transfer_experiment', 'pretrained digits body vs scratch, head and pooling choices, fine_tune vs one rate, on shapes'),
    'decoders': ('archnotes.decoders', 'decoder_experiment', 'nearest-neighbour vs transposed-conv vs U-Net decoders on DigitScenes, 3 seeds'),
    'ladder': ('archnotes.ladder', 'ladder_experiment', 'the overfitting ladder in the book\'s order vs the wrong end, over 5 seeds'),
}


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog='python -m archnotes', description=__doc__.splitlines()[0],
                                epilog='experiments: ' + '; '.join(f'{k}: {v[2]}' for k, v in EXPERIMENTS.items()))
    p.add_argument('--quick', action='store_true', help='small budget (what nbdev-test runs), for a smoke test')
    p.add_argument('--only', action='append', metavar='NAME', help='run only this experiment (repeatable, or comma-separated)')
    p.add_argument('--out', default='results', help='folder for tables and figures (default: results)')
    p.add_argument('--list', action='store_true', help='list the experiments and exit')
    return p.parse_args(argv)


def select(only):
    "The experiment names to run, checking each against `EXPERIMENTS`."
    if not only: return list(EXPERIMENTS)
    names = [n.strip() for o in only for n in o.split(',') if n.strip()]
    for n in names:
        if n not in EXPERIMENTS:
            close = difflib.get_close_matches(n, EXPERIMENTS, n=2, cutoff=0.5)
            hint = f" Did you mean {' or '.join(map(repr, close))}?" if close else ''
            raise SystemExit(f"error: unknown experiment {n!r}.{hint} Known: {', '.join(EXPERIMENTS)}")
    return names


def save(name, rows, figs, out: Path, notes=()):
    "Write `rows` (and `notes`) as Markdown, `rows` as CSV and each figure as PNG under `out/name/`; return the folder."
    from archnotes.data import format_table
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / 'table.md').write_text(format_table(rows) + '\n' + ''.join(f'\n{n}\n' for n in notes))
    cols = list(dict.fromkeys(k for r in rows for k in r))
    with open(folder / 'table.csv', 'w', newline='') as f:
        w = csv.DictWriter(f, cols); w.writeheader(); w.writerows(rows)
    for fig_name, fig in figs.items(): fig.savefig(folder / f'{fig_name}.png', dpi=100, bbox_inches='tight')
    return folder


def main(argv=None):
    args = parse_args(argv)
    if args.list:
        for k, v in EXPERIMENTS.items(): print(f'{k:12} {v[2]}')
        return 0
    names = select(args.only)
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    from archnotes.data import format_table
    out = Path(args.out)
    for name in names:
        mod, fn, desc = EXPERIMENTS[name]
        print(f"\n## {name}: {desc}{' (quick)' if args.quick else ''}", flush=True)
        start = time.perf_counter()
        rows, figs, *notes = getattr(importlib.import_module(mod), fn)(quick=args.quick)
        notes = notes[0] if notes else []
        print(format_table(rows))
        for n in notes: print(n)
        folder = save(name, rows, figs, out, notes)
        plt.close('all')
        print(f"({time.perf_counter() - start:.1f} s; table and {len(figs)} figure(s) in {folder})", flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
