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
    'transfer': (transfer_experiment, 'digits body to shapes with 10 labels per class: pretrained vs scratch (on a budget '
                                      'curve), freezing and body learning rate (2x2) and Learner.fine_tune, heads and pooling, '
                                      'and heads on a near target (new digits); 10 seeds, claims table'),
    'transfer_tuning': (transfer_tuning, "the transfer experiment's budgets and learning rates, chosen on 4 seeds it never scores"),
    'ladder_tuning': (ladder_tuning, "the ladder's budgets, learning rates and doses, chosen setup by setup on 2 seeds it never "
                                     "scores"),
    'decoders': (decoder_experiment, 'nearest-neighbour vs transposed-conv vs U-Net decoders on DigitScenes, on encoders of total '
                                    'stride 8, 16 and 32, at equal steps and equal FLOPs; 5 seeds, claims table per stride'),
    'ladder': (ladder_experiment, "the overfitting ladder, climbed while the model still overfits, each setup with a tuned budget, "
                                  "scored on test digits, vs the wrong end, and each remedy alone; 10 seeds, claims table"),
    'siamese': (siamese_experiment, 'a Siamese network on pairs of shapes (same or not): pretrained vs scratch encoder, '
                                    'two vs one linear layers in the head (on the two grids, and on |p1-p2|, p1*p2), fine_tune vs one '
                                    'rate; every setup checked against chance; 10 seeds, claims table'),
}

# name: the function that turns an experiment's saved rows into its Result again (`python -m archnotes --rescore`)
RESULTS = {'transfer': transfer_result, 'ladder': ladder_result, 'siamese': siamese_result}
