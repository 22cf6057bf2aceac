"""Run the decoder sweep of nbs/05b_decoder_claims at its full budget and save its rows, which the notebook reads when
QUICK = False (training them takes longer than a lesson: the time is saved with the rows).

    python scripts/decoder_sweep.py [--workers 2] [--out nbs/decoder_sweep.json] [--reuse FILE]

Each run trains in a process of its own with one torch thread; `--workers` runs that many at once (one per core).
`--reuse FILE` takes the runs already in FILE (written by this script with the same budget) instead of training them
again: every run is seeded, so a run trained again gives the same row on the same machine.
"""
import argparse, json, platform, time
from pathlib import Path
import torch
from archnotes.lab.decoders import SWEEP_BUDGET, decoder_experiment

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--workers', type=int, default=2)
    p.add_argument('--out', default=str(Path(__file__).resolve().parent.parent / 'nbs' / 'decoder_sweep.json'))
    p.add_argument('--reuse', default=None, help='a file written by this script whose runs are not trained again')
    args = p.parse_args()
    old = json.loads(Path(args.reuse).read_text()) if args.reuse else dict(rows=[], seconds=0)
    if old['rows'] and old['budget'] != SWEEP_BUDGET: raise SystemExit(f"--reuse {args.reuse}: another budget")
    start = time.perf_counter()
    res = decoder_experiment(workers=args.workers, reuse=old['rows'])
    seconds = round(time.perf_counter() - start) + old['seconds']
    Path(args.out).write_text(json.dumps(dict(budget=SWEEP_BUDGET, seconds=seconds, workers=args.workers, torch=torch.__version__,
                                              machine=platform.machine(), rows=res.rows), indent=1) + '\n')
    print(f"{len(res.rows)} runs in {seconds} s of {args.workers} workers; wrote {args.out}")
