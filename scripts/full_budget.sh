#!/usr/bin/env bash
# Rebuild every committed output at the full budget, in one command:
#   1. the transfer and ladder experiments' tuning on seeds they never score (their choices are constants of 04 and
#      06: a changed choice fails 95_transfer_details or 98_ladder_details), then the measuring notebooks' result files under nbs/results/ (python -m archnotes, one process per core, one thread
#      each), then their perturbed reruns (initial weights nudged by 1e-7, two threads per process) under
#      nbs/results/NAME/perturbed/; an interrupted run resumes where it stopped;
#   2. every notebook's outputs (jupyter nbconvert --execute), then nbdev-clean.
# The decoder sweep that 05b reads (nbs/decoder_sweep.json) takes about an hour on two cores, so it is rerun only
# with --with-sweep (it is scripts/decoder_sweep.py).
#   scripts/full_budget.sh [--with-sweep]
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=1
if [ "${1:-}" = --with-sweep ]; then python scripts/decoder_sweep.py --workers 2; fi
MPLBACKEND=Agg python -m archnotes --only transfer_tuning,ladder_tuning,transfer,ladder,siamese --out nbs/results
MPLBACKEND=Agg python -m archnotes --only transfer,ladder,siamese --out nbs/results --perturbed
(cd nbs && jupyter nbconvert --to notebook --execute --inplace ./*.ipynb)
nbdev-clean
