"""A U-Net with real skip connections on every torchvision CNN: each classifier but the single-resolution vision
transformers builds a `DynamicUnet` whose output has the input's size and which has at least 3 skip connections
(`UnetBlock`s); a ViT body gets a ValueError that says why. Slow (about 80 models): CI runs it."""
import warnings
import pytest, torch
from archnotes.cutting import arch_names, create_body
from archnotes.decoders import DynamicUnet

warnings.filterwarnings('ignore', message='.*default weight initialization.*')
BIG = ('vit_', 'swin', 'maxvit')   # these need 224x224 inputs


@pytest.mark.slow
@pytest.mark.parametrize('arch', arch_names())
def test_unet_on_every_classifier(arch):
    size = 224 if arch.startswith(BIG) else 128
    body = create_body(arch)
    if arch.startswith('vit_'):
        with pytest.raises(ValueError, match='keeps one resolution all the way'): DynamicUnet(body, 3, size)
        return
    torch.manual_seed(0)
    unet = DynamicUnet(body, 3, size).eval()
    with torch.no_grad(): out = unet(torch.randn(1, 3, size, size))
    assert out.shape == (1, 3, size, size)
    assert len(unet.blocks) >= 3, (arch, len(unet.blocks))
