"""A U-Net with real skip connections on every torchvision CNN: each classifier but the single-resolution vision
transformers builds a `DynamicUnet` whose output has the input's size and which has at least 3 skip connections
(`UnetBlock`s); a ViT body gets a ValueError that says why. Slow (about 80 models): CI runs it."""
import json, subprocess, sys, warnings
import pytest, torch
from archnotes.cutting import arch_names, create_body
from archnotes.decoders import DynamicUnet

warnings.filterwarnings('ignore', message='.*default weight initialization.*')
BIG = ('vit_', 'swin', 'maxvit')   # these need 224x224 inputs


# U-Nets of several GB (the widest regnets): built in a process of their own, so that their memory goes back to the
# system when it ends instead of piling up in the test process (with all 80 in one process, RSS passed 20 GB)
OWN_PROCESS = ('regnet_y_128gf', 'regnet_y_32gf', 'regnet_x_32gf', 'regnet_y_16gf', 'regnet_x_16gf')
CHECK = """
import json, sys, warnings, torch
warnings.filterwarnings('ignore')
from archnotes.cutting import create_body
from archnotes.decoders import DynamicUnet
torch.manual_seed(0)
unet = DynamicUnet(create_body(sys.argv[1]), 3, int(sys.argv[2])).eval()
with torch.no_grad(): out = unet(torch.randn(1, 3, int(sys.argv[2]), int(sys.argv[2])))
print(json.dumps(dict(shape=list(out.shape), skips=len(unet.blocks))))
"""


@pytest.mark.slow
@pytest.mark.parametrize('arch', arch_names())
def test_unet_on_every_classifier(arch):
    size = 224 if arch.startswith(BIG) else 128
    if arch in OWN_PROCESS:
        got = json.loads(subprocess.run([sys.executable, '-c', CHECK, arch, str(size)], check=True, capture_output=True,
                                        text=True).stdout.strip().splitlines()[-1])
        assert got['shape'] == [1, 3, size, size] and got['skips'] >= 3, (arch, got)
        return
    body = create_body(arch)
    if arch.startswith('vit_'):
        with pytest.raises(ValueError, match='keeps one resolution all the way'): DynamicUnet(body, 3, size)
        return
    torch.manual_seed(0)
    unet = DynamicUnet(body, 3, size).eval()
    with torch.no_grad(): out = unet(torch.randn(1, 3, size, size))
    assert out.shape == (1, 3, size, size)
    assert len(unet.blocks) >= 3, (arch, len(unet.blocks))
