"""The library in one import: `from archnotes.all import *` (as `fastai.vision.all` does).

Only the library: the experiments that measure the chapter live in `archnotes.lab` (`from archnotes.lab.all import *`).
Modules are listed from the ground floor up; none imports one listed after it."""
from .checks import *
from .layers import *
from .parallel import *
from .report import *
from .data import *
from .models import *
from .cutting import *
from .heads import *
from .decoders import *
from .augment import *
from .training import *
from .learners import *
from .siamese import *
