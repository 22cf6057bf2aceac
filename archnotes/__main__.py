"""`python -m archnotes`: run the lab's experiments, print their tables and claims, save their tables and figures.

Under `torchrun --standalone --nproc_per_node=N -m archnotes ...` every Learner trains data-parallel over the N
processes; rank 0 alone prints the report and writes the results.

The experiments are those registered in `archnotes.lab.all.EXPERIMENTS`: each is a function `run(quick: bool) -> Result`
(rows, summary, figures, claims), defined in a notebook; the notebook calls it with a small budget under `nbdev-test`,
and this command calls the same function with the full budget.
"""
from __future__ import annotations
import argparse, contextlib, csv, difflib, os, sys, time
import torch
from pathlib import Path
from torch.distributed.elastic.multiprocessing.errors import record
from archnotes.parallel import end_distributed, init_distributed, is_main
from archnotes.report import claims_summary, format_table
from archnotes.lab.core import Result
from archnotes.lab.all import EXPERIMENTS


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog='python -m archnotes', description=__doc__.splitlines()[0],
                                epilog='experiments: ' + '; '.join(f'{k}: {v[1]}' for k, v in EXPERIMENTS.items()))
    p.add_argument('--quick', action='store_true', help='small budget (what nbdev-test runs), for a smoke test')
    p.add_argument('--only', action='append', metavar='NAME', help='run only this experiment (repeatable, or comma-separated)')
    p.add_argument('--out', default='results', help='folder for tables and figures (default: results)')
    p.add_argument('--list', action='store_true', help='list the experiments and exit')
    return p.parse_args(argv)


def select(only):
    "The experiment names to run, checking each against `EXPERIMENTS`."
    if not only: return list(EXPERIMENTS)
    names = [n.strip() for o in only for n in o.split(',') if n.strip()]
    if not names: raise SystemExit(f"error: --only got no experiment name. Known: {', '.join(EXPERIMENTS)}")
    for n in names:
        if n not in EXPERIMENTS:
            close = difflib.get_close_matches(n, EXPERIMENTS, n=2, cutoff=0.5)
            hint = f" Did you mean {' or '.join(map(repr, close))}?" if close else ''
            raise SystemExit(f"error: unknown experiment {n!r}.{hint} Known: {', '.join(EXPERIMENTS)}")
    return names


def check_out(out:Path):
    "Make the results folder `out` now, before any experiment runs, or stop with a message if it cannot be written."
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f'.archnotes-write-test-{os.getpid()}'; probe.write_text(''); probe.unlink()   # one per process: ranks check at once
    except OSError as e: raise SystemExit(f"error: --out {str(out)!r}: cannot write results there ({e.strerror or e})") from None


def report(res:Result) -> str:
    "The Markdown report of a result: its table (rows, then summary), then its claims table and the sentences generated from it."
    text = format_table(res.table) + '\n'
    if res.claims: text += '\n## Claims\n\n' + format_table(res.claims) + '\n\n' + '\n'.join(claims_summary(res.claims)) + '\n'
    return text


def save(name:str, res:Result, out:Path, seconds:float=0., quick:bool=False) -> Path:
    """Write `res` as Markdown (`table.md`: table and claims), CSV (`table.csv`, `claims.csv`) and JSON (`result.json`,
    which `Result.load` reads back, with how it was made), and each figure as PNG, under `out/name/`."""
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / 'table.md').write_text(report(res))
    for fname, rows in (('table.csv', res.table), ('claims.csv', res.claims)):
        if not rows: continue
        with open(folder / fname, 'w', newline='') as f:
            w = csv.DictWriter(f, list(dict.fromkeys(k for r in rows for k in r))); w.writeheader(); w.writerows(rows)
    for fig_name, fig in res.figures.items(): fig.savefig(folder / f'{fig_name}.png', dpi=100, bbox_inches='tight')
    res.save(folder / 'result.json', experiment=name, seconds=round(seconds, 1), budget='quick' if quick else 'full',
             threads=torch.get_num_threads(), command='python -m archnotes' + (' --quick' if quick else '') + f' --only {name}')
    return folder


def main(argv=None):
    args = parse_args(argv)
    if args.list:
        for k, v in EXPERIMENTS.items(): print(f'{k:12} {v[1]}')
        return 0
    names = select(args.only)
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    out = Path(args.out).expanduser()
    check_out(out)
    n = init_distributed()   # 1 unless launched by torchrun with several processes
    with open(os.devnull, 'w') as devnull, contextlib.redirect_stdout(sys.stdout if is_main() else devnull):
        if n > 1: print(f"data-parallel over {n} processes; rank 0 reports", flush=True)
        for name in names:
            run, desc = EXPERIMENTS[name]
            print(f"\n## {name}: {desc}{' (quick)' if args.quick else ''}", flush=True)
            start = time.perf_counter()
            res = run(quick=args.quick)
            if is_main():
                print(report(res))
                folder = save(name, res, out, time.perf_counter() - start, args.quick)
                print(f"({time.perf_counter() - start:.1f} s; table and {len(res.figures)} figure(s) in {folder})", flush=True)
            plt.close('all')
    end_distributed()   # under torchrun: leave together, and exit
    return 0


if __name__ == '__main__':
    sys.exit(record(main)())   # under torchrun, a failing rank's traceback goes into the job's error summary
