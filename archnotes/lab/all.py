"""The lab: every experiment that measures the chapter, and the registry that `python -m archnotes` runs.

Each experiment is a function `run(quick: bool) -> Result`, defined in a notebook and exported (with `#| export lab.NAME`
cells) to `archnotes/lab/NAME.py`; the notebook calls it with a small budget under `nbdev-test`, and
`python -m archnotes` calls the same function with the full budget. To add one: write it in its notebook, then add a line
to `EXPERIMENTS` below."""
from .core import *
from .data import *
from .training import *
from .transfer import *
from .decoders import *
from .ladder import *
from .siamese import *

# name: (experiment, what it shows)
EXPERIMENTS = {
    'data': (describe_data, 'sizes and class balance of Digits and DigitScenes, with a batch of each'),
    'training': (training_demo, 'a small CNN on digits with one-cycle over 3 seeds, and lr_find'),
    'transfer': (transfer_experiment, 'digits body to shapes: pretrained vs scratch, freezing and body learning rate (2x2) at two '
                                      'label budgets, heads and pooling under each recipe; 10 seeds, claims table'),
    'decoders': (decoder_experiment, 'nearest-neighbour vs transposed-conv vs U-Net decoders on DigitScenes, on encoders of total '
                                    'stride 8, 16 and 32, at equal steps and equal FLOPs; 5 seeds, claims table per stride'),
    'ladder': (ladder_experiment, "the overfitting ladder, climbed while the model still overfits, each setup with a tuned budget, "
                                  "scored on test digits, vs the wrong end; 10 seeds, claims table"),
    'siamese': (siamese_experiment, 'a Siamese network on pairs of shapes (same or not): pretrained vs scratch encoder, '
                                    'two vs one linear layers in the head; every setup checked against chance; 10 seeds, claims table'),
}
