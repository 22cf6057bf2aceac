"""DynamicUnet keeps no hooks, so compilers and exporters see an ordinary module: torch.compile(fullgraph=True) and ONNX
export (run with onnxruntime) must give the eager outputs. Slow (compilation takes a while on a CPU): CI runs it."""
import pytest, torch
from archnotes.cutting import create_body
from archnotes.decoders import DynamicUnet


@pytest.fixture(scope='module')
def unet():
    torch.manual_seed(0)
    return DynamicUnet(create_body('resnet18'), 5, (64, 64)).eval()


@pytest.mark.slow
def test_compile_fullgraph_matches_eager(unet):
    x = torch.randn(2, 3, 64, 64)
    compiled = torch.compile(unet, fullgraph=True)
    with torch.no_grad(): torch.testing.assert_close(compiled(x), unet(x), rtol=1e-4, atol=1e-4)


@pytest.mark.slow
def test_onnx_export_matches_eager(unet, tmp_path):
    import onnxruntime
    x = torch.randn(1, 3, 64, 64)
    path = tmp_path / 'unet.onnx'
    torch.onnx.export(unet, (x,), str(path))
    sess = onnxruntime.InferenceSession(str(path), providers=['CPUExecutionProvider'])
    (out,) = sess.run(None, {sess.get_inputs()[0].name: x.numpy()})
    with torch.no_grad(): torch.testing.assert_close(torch.from_numpy(out), unet(x), rtol=1e-4, atol=1e-4)


def test_no_hooks_anywhere(unet):
    assert not any(m._forward_hooks or m._forward_pre_hooks or m._backward_hooks for m in unet.modules())
