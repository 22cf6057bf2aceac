import os
os.environ.setdefault('MPLBACKEND', 'Agg')
import torch
torch.set_num_threads(1)  # small models: one thread was measured ten times faster on our 2-core machines
