"""`python -m archnotes`: run the lab's experiments, print their tables and claims, save their tables and figures.

Under `torchrun --standalone --nproc_per_node=N -m archnotes ...` every Learner trains data-parallel over the N
processes; rank 0 alone prints the report and writes the results.

The experiments are those registered in `archnotes.lab.all.EXPERIMENTS`: each is a function `run(quick: bool) -> Result`
(rows, summary, figures, claims), defined in a notebook; the notebook calls it with a small budget under `nbdev-test`,
and this command calls the same function with the full budget.
"""
from __future__ import annotations
import argparse, contextlib, csv, difflib, inspect, os, sys, time
import torch
from pathlib import Path
from torch.distributed.elastic.multiprocessing.errors import record
from archnotes.parallel import end_distributed, init_distributed, is_main
from archnotes.report import claims_summary, format_table
from archnotes.lab.core import Result, load_measured, rerun_summary
from archnotes.lab.all import EXPERIMENTS, RESULTS


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog='python -m archnotes', description=__doc__.splitlines()[0],
                                epilog='experiments: ' + '; '.join(f'{k}: {v[1]}' for k, v in EXPERIMENTS.items()))
    p.add_argument('--quick', action='store_true', help='small budget (what nbdev-test runs), for a smoke test')
    p.add_argument('--only', action='append', metavar='NAME', help='run only this experiment (repeatable, or comma-separated)')
    p.add_argument('--out', default='results', help='folder for tables and figures (default: results)')
    p.add_argument('--list', action='store_true', help='list the experiments and exit')
    p.add_argument('--workers', type=int, default=os.cpu_count() or 1,
                   help='processes that train runs in parallel (default: one per core)')
    p.add_argument('--threads', type=int, default=None,
                   help='threads per process (default: 1; 2 with --perturbed); you need not set OMP_NUM_THREADS')
    p.add_argument('--perturbed', action='store_true',
                   help='rerun the design perturbed (initial weights nudged by 1e-7, 2 threads per process) into OUT/NAME/perturbed, '
                        'and say which verdicts survive')
    p.add_argument('--rescore', action='store_true',
                   help='train nothing: recompute the tables, claims and figures of OUT/NAME (and OUT/NAME/perturbed) from the '
                        'runs saved there, with the statistics of this version')
    args = p.parse_args(argv)
    if args.workers < 1: p.error(f'--workers must be 1 or more, got {args.workers}')
    if args.threads is not None and args.threads < 1: p.error(f'--threads must be 1 or more, got {args.threads}')
    return args

NUDGE = 1e-7   # the perturbed rerun's nudge of the initial weights


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


def save(name:str, res:Result, out:Path, seconds:float=0., quick:bool=False, perturbed:bool=False, resumed:int=0,
         threads:int|None=None) -> Path:
    """Write `res` as Markdown (`table.md`: table and claims), CSV (`table.csv`, `claims.csv`) and JSON (`result.json`,
    which `Result.load` reads back, with how it was made), and each figure as PNG, under `out/name/`."""
    folder = out / name / 'perturbed' if perturbed else out / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / 'table.md').write_text(report(res))
    for fname, rows in (('table.csv', res.table), ('claims.csv', res.claims)):
        if not rows: continue
        cols = list(dict.fromkeys(k for r in rows for k in r if not k.startswith('_')))   # _items: in result.json only
        with open(folder / fname, 'w', newline='') as f:
            w = csv.DictWriter(f, cols, extrasaction='ignore'); w.writeheader(); w.writerows(rows)
    for fig_name, fig in res.figures.items(): fig.savefig(folder / f'{fig_name}.png', dpi=100, bbox_inches='tight')
    res.save(folder / 'result.json', experiment=name, seconds=round(seconds, 1), resumed_runs=resumed, budget='quick' if quick else 'full',
             threads=threads or torch.get_num_threads(), command='python -m archnotes' + (' --quick' if quick else '')
             + (' --perturbed' if perturbed else '') + f' --only {name}')
    return folder


def survival_report(name:str, out:Path) -> str:
    "How many verdicts of OUT/NAME's claims the perturbed rerun in OUT/NAME/perturbed repeats, if both are there."
    if not (out / name / 'result.json').exists(): return ''
    res = load_measured(out / name)
    return rerun_summary(res) if res.claims and 'survival' in res.meta else ''


def rescore(name:str, out:Path) -> list[Path]:
    "Recompute OUT/NAME's result (and its perturbed rerun's) from the runs saved in it; the folders rewritten."
    if name not in RESULTS: raise SystemExit(f"error: --rescore knows {', '.join(RESULTS)}, not {name!r}")
    done = []
    for perturbed in (False, True):
        folder = out / name / 'perturbed' if perturbed else out / name
        if not (folder / 'result.json').exists(): continue
        old = Result.load(folder / 'result.json')
        res = RESULTS[name](old.rows, nudge=old.meta.get('nudge', 0.))
        res.meta = {**old.meta, **res.meta, 'rescored': True}
        done.append(save(name, res, out, old.meta.get('seconds', 0.), old.meta.get('budget') == 'quick', perturbed,
                         old.meta.get('resumed_runs', 0), old.meta.get('threads')))
    if not done: raise SystemExit(f"error: --rescore found no {out / name / 'result.json'}: run the experiment first")
    return done


def experiment_kwargs(run, args, cache:Path) -> dict:
    "The options an experiment accepts: workers, resume cache, and the perturbation."
    accepted = inspect.signature(run).parameters
    opts = dict(quick=args.quick, workers=args.workers, cache=cache, nudge=NUDGE if args.perturbed else 0.)
    return {k: v for k, v in opts.items() if k in accepted}


def main(argv=None):
    args = parse_args(argv)
    if args.list:
        for k, v in EXPERIMENTS.items(): print(f'{k:12} {v[1]}')
        return 0
    names = select(args.only)
    if args.rescore:
        import matplotlib; matplotlib.use('Agg')
        for name in names:
            for folder in rescore(name, Path(args.out).expanduser()): print(f"rescored {folder}")
            if (text := survival_report(name, Path(args.out).expanduser())): print(text)
        return 0
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    out = Path(args.out).expanduser()
    check_out(out)
    if args.threads is None:   # small models: 1 thread is fastest; the perturbed rerun uses 2, on half the processes
        args.threads = 2 if args.perturbed else 1
        if args.perturbed: args.workers = max(1, args.workers // 2)
    torch.set_num_threads(args.threads)
    n = init_distributed()   # 1 unless launched by torchrun with several processes
    if n > 1: args.workers = 1
    with open(os.devnull, 'w') as devnull, contextlib.redirect_stdout(sys.stdout if is_main() else devnull):
        if n > 1: print(f"data-parallel over {n} processes; rank 0 reports", flush=True)
        for name in names:
            run, desc = EXPERIMENTS[name]
            print(f"\n## {name}: {desc}{' (quick)' if args.quick else ''}{' (perturbed rerun)' if args.perturbed else ''}", flush=True)
            start = time.perf_counter()
            cache = out / name / ('runs-perturbed.jsonl' if args.perturbed else 'runs.jsonl')   # resumes an interrupted run
            kwargs = experiment_kwargs(run, args, cache)
            done = len(cache.read_text().splitlines()) if cache.exists() and 'cache' in kwargs else 0   # seconds: this invocation only
            if 'cache' in kwargs:
                print(f"{args.workers} process(es) of {torch.get_num_threads()} thread(s); {done} runs already done in {cache}", flush=True)
            res = run(**kwargs)
            if is_main():
                print(report(res))
                folder = save(name, res, out, time.perf_counter() - start, args.quick, args.perturbed, done)
                print(f"({time.perf_counter() - start:.1f} s; table and {len(res.figures)} figure(s) in {folder})", flush=True)
                if (text := survival_report(name, out)): print(text, flush=True)
                if cache.exists(): cache.unlink()   # done: the result is saved
            plt.close('all')
    end_distributed()   # under torchrun: leave together, and exit
    return 0


if __name__ == '__main__':
    sys.exit(record(main)())   # under torchrun, a failing rank's traceback goes into the job's error summary
