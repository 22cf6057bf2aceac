"""Reproduce the pretrained body that archnotes ships: SmallResNet trained on the real digits (nbs/95_transfer_details).

    OMP_NUM_THREADS=1 python scripts/pretrain_body.py [--seed 0] [--epochs 8] [--out FILE]

Writes archnotes/weights/digits_small_resnet.pt (byte for byte the same on the same torch version) and prints its SHA-256, which nbs/95_transfer_details records as
DIGITS_SHA256 (run nbdev-export after changing it).
"""
import argparse
import torch
from archnotes.models import DIGITS_WEIGHTS, WEIGHTS_DIR, sha256
from archnotes.lab.transfer import pretrain_digits

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--seed', type=int, default=0); p.add_argument('--epochs', type=int, default=8)
    p.add_argument('--out', default=None, help='where to write the checkpoint (default: the shipped file)')
    args = p.parse_args()
    torch.set_num_threads(1)
    ckpt = pretrain_digits(seed=args.seed, epochs=args.epochs)
    from pathlib import Path
    path = Path(args.out) if args.out else WEIGHTS_DIR / DIGITS_WEIGHTS
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(ckpt, path)
    print(f"source validation accuracy {ckpt['accuracy']:.4f}; wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
    print(f"SHA-256 {sha256(path)}")
