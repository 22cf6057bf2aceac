"""The real loading path of `book_dataset`, offline: each test writes a tiny copy of a data set in torchvision's
exact on-disk layout, then loads it through torchvision as a user with the real files would."""
import hashlib, pickle, struct, urllib.error
import numpy as np
import pytest, torch
from PIL import Image
from archnotes.data import book_dataset, denormalize


def write_idx(folder, prefix, images, labels):
    folder.mkdir(parents=True, exist_ok=True)
    n, h, w = images.shape
    (folder / f'{prefix}-images-idx3-ubyte').write_bytes(struct.pack('>IIII', 0x803, n, h, w) + images.astype(np.uint8).tobytes())
    (folder / f'{prefix}-labels-idx1-ubyte').write_bytes(struct.pack('>II', 0x801, n) + labels.astype(np.uint8).tobytes())


def test_mnist_tiny_copy(tmp_path):
    rng = np.random.default_rng(0)
    train_x, train_y = rng.integers(0, 256, (6, 28, 28)), np.array([0, 1, 2, 3, 4, 5])
    write_idx(tmp_path / 'MNIST' / 'raw', 'train', train_x, train_y)
    write_idx(tmp_path / 'MNIST' / 'raw', 't10k', rng.integers(0, 256, (3, 28, 28)), np.array([7, 8, 9]))
    ds = book_dataset('mnist', root=tmp_path, train=True)
    assert ds.x.shape == (6, 1, 28, 28) and ds.y.tolist() == train_y.tolist()
    back = denormalize(ds.x, ds.stats) * 255   # normalisation is undone exactly: these are the pixels we wrote
    assert torch.allclose(back[:, 0], torch.tensor(train_x, dtype=torch.float32), atol=1e-3)
    assert book_dataset('mnist', root=tmp_path, train=False).y.tolist() == [7, 8, 9]
    assert book_dataset('mnist', root=tmp_path, size=32, limit=2).x.shape == (2, 1, 32, 32)


def test_cifar10_tiny_copy(tmp_path, monkeypatch):
    import torchvision.datasets as tvd
    folder = tmp_path / 'cifar-10-batches-py'
    folder.mkdir()
    rng = np.random.default_rng(0)
    names = [f'data_batch_{i}' for i in range(1, 6)] + ['test_batch']
    for i, nm in enumerate(names):
        with open(folder / nm, 'wb') as f:
            pickle.dump({'data': rng.integers(0, 256, (2, 3072), dtype=np.uint8), 'labels': [i % 10, (i + 1) % 10]}, f)
    with open(folder / 'batches.meta', 'wb') as f: pickle.dump({'label_names': [f'c{i}' for i in range(10)]}, f)
    md5 = lambda nm: hashlib.md5((folder / nm).read_bytes()).hexdigest()
    # torchvision verifies every file against the real data set's checksums: point it at our tiny files' instead
    monkeypatch.setattr(tvd.CIFAR10, 'train_list', [[nm, md5(nm)] for nm in names[:5]])
    monkeypatch.setattr(tvd.CIFAR10, 'test_list', [['test_batch', md5('test_batch')]])
    monkeypatch.setattr(tvd.CIFAR10, 'meta', {'filename': 'batches.meta', 'key': 'label_names', 'md5': md5('batches.meta')})
    ds = book_dataset('cifar10', root=tmp_path, train=True, size=16)
    assert ds.x.shape == (10, 3, 16, 16) and ds.classes[:2] == ['c0', 'c1']
    assert ds.y.tolist() == [0, 1, 1, 2, 2, 3, 3, 4, 4, 5]
    assert book_dataset('cifar10', root=tmp_path, train=False).x.shape == (2, 3, 32, 32)


def write_pets(root, ids):
    base = root / 'oxford-iiit-pet'
    (base / 'images').mkdir(parents=True); (base / 'annotations' / 'trimaps').mkdir(parents=True)
    rng = np.random.default_rng(0)
    for k, (img_id, h, w) in enumerate(ids):
        Image.fromarray(rng.integers(0, 256, (h, w, 3), dtype=np.uint8)).save(base / 'images' / f'{img_id}.jpg')
        trimap = np.full((h, w), 2, dtype=np.uint8); trimap[h // 4: 3 * h // 4, w // 4: 3 * w // 4] = 1; trimap[0, :] = 3
        Image.fromarray(trimap).save(base / 'annotations' / 'trimaps' / f'{img_id}.png')
    lines = [f'{img_id} {1 if img_id.startswith("Abyssinian") else 2} {1 if img_id[0].isupper() else 2} 1' for img_id, _, _ in ids]
    (base / 'annotations' / 'trainval.txt').write_text('\n'.join(lines[:2]) + '\n')
    (base / 'annotations' / 'test.txt').write_text('\n'.join(lines[2:]) + '\n')


def test_pets_tiny_copy_segmentation_and_classes(tmp_path):
    write_pets(tmp_path, [('Abyssinian_1', 40, 60), ('american_bulldog_2', 50, 30), ('Abyssinian_3', 32, 32)])
    seg = book_dataset('pets', root=tmp_path, size=(24, 32), task='segmentation')
    assert seg.x.shape == (2, 3, 24, 32) and seg.y.shape == (2, 24, 32) and seg.is_segmentation
    assert set(seg.y.unique().tolist()) == {0, 1, 2}          # trimap 1,2,3 -> pet, background, border
    assert seg.y[0, 12, 16] == 0 and seg.y[0, 0, 16] == 2 and seg.y[0, 12, 0] == 1
    cls = book_dataset('pets', root=tmp_path, size=32)
    assert cls.y.tolist() == [0, 1] and cls.classes == ['Abyssinian', 'American Bulldog']
    assert len(book_dataset('pets', root=tmp_path, train=False, size=32)) == 1


def test_missing_data_names_the_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match=str(tmp_path / 'cifar-10-batches-py')):
        book_dataset('cifar10', root=tmp_path)
    with pytest.raises(FileNotFoundError, match='oxford-iiit-pet'):
        book_dataset('pets', root=tmp_path, task='segmentation')


def test_download_without_internet_is_a_clear_error(tmp_path, monkeypatch):
    import torchvision.datasets.mnist as tv_mnist
    def offline(*args, **kwargs): raise urllib.error.URLError('no network')
    monkeypatch.setattr(tv_mnist, 'download_and_extract_archive', offline)
    with pytest.raises(ConnectionError, match='copy the data set.s files there yourself'):
        book_dataset('mnist', root=tmp_path, download=True)
