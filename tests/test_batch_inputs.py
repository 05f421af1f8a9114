import io
import tarfile
import zipfile

import pytest

from batch_corpus import sample_documents, write_folder, write_tar
from tosscan.batch import inputs
from tosscan.batch.inputs import InputError, check_inputs, iter_items
from tosscan.settings import Settings


def ids(items):
    return [item.id for item in items]


def test_folder_ids_are_paths_inside_the_folder_in_stable_order(tmp_path):
    docs = sample_documents(3)
    write_folder(tmp_path / "corpus", docs)
    (tmp_path / "corpus" / ".hidden.txt").write_text("skip me")
    items = list(iter_items([str(tmp_path / "corpus")]))
    assert ids(items) == sorted(docs)
    assert {i.id: i.data for i in items} == docs


def test_tar_xz_is_streamed_with_member_paths_as_ids(tmp_path):
    docs = sample_documents(2)
    archive = write_tar(tmp_path / "c.tar.xz", docs)
    items = list(iter_items([str(archive)]))
    assert ids(items) == list(docs)
    assert items[0].data == docs[ids(items)[0]]


def test_zip_members(tmp_path):
    docs = sample_documents(2)
    with zipfile.ZipFile(tmp_path / "c.zip", "w") as zf:
        for name, data in docs.items():
            zf.writestr(name, data)
        zf.writestr("__MACOSX/._junk", b"resource fork")
    items = list(iter_items([str(tmp_path / "c.zip")]))
    assert {i.id: i.data for i in items} == docs


def test_oversized_member_is_refused_without_being_read(tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "get_settings", lambda: Settings(max_bytes=100))
    archive = write_tar(tmp_path / "c.tar", {"small.txt": b"short policy", "big.txt": b"x" * 500}, "w")
    items = {i.id: i for i in iter_items([str(archive)])}
    assert items["small.txt"].data == b"short policy"
    assert items["big.txt"].data is None
    assert items["big.txt"].error[0] == "too_large"


def test_list_file_paths_relative_to_the_list_urls_and_missing_files(tmp_path):
    write_folder(tmp_path, {"docs/a.txt": b"policy a"})
    listing = tmp_path / "todo.lst"
    listing.write_text("# my corpus\ndocs/a.txt\n\nhttps://example.com/privacy\ndocs/missing.txt\n")
    items = list(iter_items([str(listing)]))
    assert ids(items) == ["docs/a.txt", "https://example.com/privacy", "docs/missing.txt"]
    assert items[0].data == b"policy a"
    assert items[1].url == "https://example.com/privacy" and items[1].data is None
    assert items[2].error[0] == "not_found"


def test_plain_text_file_is_a_list_only_when_its_lines_are_paths_or_urls(tmp_path):
    write_folder(tmp_path, {"a.txt": b"We may share your data.", "b.txt": b"We sell nothing."})
    (tmp_path / "paths.txt").write_text("a.txt\nb.txt\n")
    (tmp_path / "policy.txt").write_text("a.txt is mentioned here\nWe may share your data with partners.\n")
    assert ids(iter_items([str(tmp_path / "paths.txt")])) == ["a.txt", "b.txt"]
    assert ids(iter_items([str(tmp_path / "policy.txt")])) == [str(tmp_path / "policy.txt")]
    # @FILE always reads a list, whatever its lines look like.
    assert ids(iter_items(["@" + str(tmp_path / "policy.txt")]))[0] == "a.txt is mentioned here"


def test_glob_expands_files_and_archives(tmp_path):
    write_folder(tmp_path, {"x/one.txt": b"policy one", "x/two.md": b"policy two"})
    write_tar(tmp_path / "x" / "more.tar", {"inner.txt": b"inner policy"}, "w")
    found = set(ids(iter_items([str(tmp_path / "x" / "*")])))
    assert found == {str(tmp_path / "x" / "one.txt"), str(tmp_path / "x" / "two.md"), "inner.txt"}


def test_count_mode_reads_no_bytes(tmp_path):
    write_folder(tmp_path, sample_documents(2))
    assert all(i.data is None and i.error is None for i in iter_items([str(tmp_path)], read=False))


@pytest.mark.parametrize("arg, message", [("nowhere/at/all", "no such file"), ("nowhere/*.txt", "no file matches"),
                                          ("@missing.lst", "list file not found")])
def test_unusable_inputs_are_refused_before_any_work(tmp_path, monkeypatch, arg, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match=message):
        check_inputs([arg])


def test_damaged_archive_keeps_what_was_read_and_warns(tmp_path):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:xz") as tar:
        for i in range(40):
            data = (f"policy {i} " * 2000).encode()
            info = tarfile.TarInfo(f"doc{i:02d}.txt")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    raw = buffer.getvalue()
    damaged = tmp_path / "damaged.tar.xz"
    damaged.write_bytes(raw[: len(raw) * 2 // 3])
    warnings = []
    items = list(iter_items([str(damaged)], warn=warnings.append))
    assert 0 < len(items) < 40
    assert len(warnings) == 1 and "could not read further" in warnings[0]
