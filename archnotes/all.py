"The public API in one import: `from archnotes.all import *` (as `fastai.vision.all` does)."
from .data import *
from .training import *
from .cutting import *
from .heads import *
from .transfer import *
from .decoders import *
from .ladder import *
