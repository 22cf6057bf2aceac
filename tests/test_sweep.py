"""Every classifier torchvision ships, cut by `create_body` (weights=None): the body must compute exactly what the
original model feeds its classifier, and the full model (new head, one input channel) must run. Slow: CI runs it."""
import warnings
import pytest, torch
from archnotes.cutting import arch_names, create_body, load_model
from archnotes.heads import create_vision_model

warnings.filterwarnings('ignore', message='.*default weight initialization.*')
NAMES = arch_names()


def size_for(name):
    if name.startswith(('vit_', 'maxvit')): return 224   # position embeddings / attention grids are built for 224
    if name == 'inception_v3': return 96                 # its stem needs at least 75 pixels
    return 64


def test_the_sweep_covers_every_classifier():
    assert len(NAMES) >= 80 and len(set(NAMES)) == len(NAMES)


@pytest.mark.slow
@pytest.mark.parametrize('name', NAMES)
def test_cut_every_torchvision_classifier(name):
    torch.manual_seed(0)
    model = load_model(name).eval()
    s = size_for(name)
    x = torch.randn(2, 3, s, s)
    seen = []
    handles = [c.register_forward_pre_hook(lambda m, inp: seen.append(inp[0])) for c in model.children()]
    try:
        with torch.no_grad(): model(x)
    finally:
        for h in handles: h.remove()
    body = create_body(model).eval()                      # shares the model's weights
    with torch.no_grad(): feats = body(x)
    assert feats.ndim == 4 and feats.shape[0] == 2, feats.shape
    candidates = [feats, feats.mean((2, 3)), feats.mean((2, 3), keepdim=True)]
    assert any(t.shape == c.shape and torch.allclose(t, c, atol=1e-4, rtol=1e-4) for t in seen for c in candidates), \
        f"{name}: the body's output {tuple(feats.shape)} is not what any part of the original classifier receives"
    assert not any(m._forward_hooks or m._forward_pre_hooks for m in model.modules())
    full = create_vision_model(model, n_out=5, n_in=1).eval()   # adapts the same instance to one channel
    with torch.no_grad(): out = full(torch.randn(2, 1, s, s))
    assert out.shape == (2, 5)
