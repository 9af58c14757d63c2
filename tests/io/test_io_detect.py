"""Format detection by content, the refusal of unsupported formats, read() dispatch and limits."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from policyparse.errors import (
    CorruptDocument,
    EncryptedDocument,
    FileNotFound,
    InputTooLarge,
    UnsupportedFormat,
    UsageError,
)
from policyparse.io import ReadLimits, contract_violations, read
from policyparse.io.detect import detect_format, ole2_stream_names

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT / "corpora"
REALFILES = ROOT / "corpora" / "realfiles"


def cfb(*streams: str) -> bytes:
    """A minimal OLE2 compound file (512-byte sectors) whose directory lists ``streams``."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIII", header, 0x2C, 1, 1, 0, 4096)  # 1 FAT sector, directory at sector 1
    struct.pack_into("<IIII", header, 0x3C, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    difat = [0] + [0xFFFFFFFF] * 108
    struct.pack_into("<109I", header, 0x4C, *difat)
    fat = struct.pack("<128I", 0xFFFFFFFD, 0xFFFFFFFE, *([0xFFFFFFFF] * 126))
    entries = bytearray()
    for kind, name in [(5, "Root Entry")] + [(2, s) for s in streams]:
        entry = bytearray(128)
        encoded = name.encode("utf-16-le")
        entry[0 : len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 0x40, len(encoded) + 2, kind, 1)
        struct.pack_into("<III", entry, 0x44, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        entries += entry
    directory = bytes(entries).ljust(512, b"\x00")
    return bytes(header) + fat + directory


def zipped(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


class TestDetectFormat:
    def test_it_trusts_pdf_magic_over_the_suffix(self) -> None:
        assert detect_format(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", path="notice.docx") == "pdf"

    def test_it_knows_a_docx_by_its_document_part(self) -> None:
        assert detect_format(zipped({"word/document.xml": b"<w:document/>"}), path="x.bin") == "docx"

    def test_it_knows_an_ofd_by_its_ofd_xml(self) -> None:
        assert detect_format(zipped({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<x/>"})) == "ofd"

    def test_it_calls_other_zips_zip(self) -> None:
        assert detect_format(zipped({"readme.txt": b"hi"})) == "zip"

    @pytest.mark.parametrize(
        ("streams", "expected"),
        [
            (("WordDocument", "1Table"), "doc"),
            (("WordDocument", "0Table", "WpsCustomData"), "wps"),
            (("EncryptionInfo", "EncryptedPackage"), "encrypted-ooxml"),
            (("Workbook",), "xls"),
            (("Something",), "ole2"),
        ],
    )
    def test_it_names_ole2_files_by_their_stream_names(self, streams: tuple[str, ...], expected: str) -> None:
        data = cfb(*streams)
        assert ole2_stream_names(data) == ["Root Entry", *streams]
        assert detect_format(data, path="file.docx") == expected

    @pytest.mark.parametrize(
        ("head", "expected"),
        [
            (b"\x89PNG\r\n\x1a\n\x00\x00", "png"),
            (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpeg"),
            (b"GIF89a\x01\x00", "gif"),
            (b"II*\x00\x08\x00", "tiff"),
        ],
    )
    def test_it_recognizes_images(self, head: bytes, expected: str) -> None:
        assert detect_format(head, path="scan.pdf") == expected

    @pytest.mark.parametrize(
        "markup",
        [
            "<tbody> <tr> <td id='UCAP-CONTENT'><p>正文</p></td></tr></tbody>",
            "<div class='article-content'><p>正文</p></div>",
            "<!DOCTYPE html><html><body><p>正文</p></body></html>",
            "\ufeff  <!-- zoomcon --><p>正文</p>",
        ],
    )
    def test_it_recognizes_html_by_its_first_tag(self, markup: str) -> None:
        assert detect_format(markup.encode("utf-8"), path="page.txt") == "html"

    def test_it_leaves_text_with_angle_brackets_as_text(self) -> None:
        assert detect_format("<<中华人民共和国行政许可法>>第一条".encode()) == "txt"
        assert detect_format("一、总体要求\n（一）目标".encode("gb18030")) == "txt"

    def test_it_uses_an_html_suffix_only_for_markup_without_a_known_first_tag(self) -> None:
        assert detect_format(b"<custom-tag>x</custom-tag>", path="page.htm") == "html"
        assert detect_format(b"<custom-tag>x</custom-tag>", path="page.txt") == "txt"


class TestRefusals:
    @pytest.mark.parametrize(
        ("data", "name"),
        [
            (cfb("WordDocument", "1Table"), ".doc"),
            (cfb("WordDocument", "WpsCustomData"), ".wps"),
        ],
    )
    def test_it_refuses_legacy_word_files_with_a_conversion_command(self, data: bytes, name: str) -> None:
        with pytest.raises(UnsupportedFormat) as err:
            read(data, path=f"notice{name}", limits={"convert_legacy": False})
        assert name in str(err.value)
        assert "libreoffice --headless --convert-to docx" in str(err.value)
        assert err.value.code == "E002"

    def test_an_ofd_package_without_a_document_is_corrupt(self) -> None:
        with pytest.raises(CorruptDocument):
            read(zipped({"OFD.xml": b"<ofd:OFD/>"}), path="pifu.ofd")

    def test_it_refuses_images_with_an_ocr_hint(self) -> None:
        with pytest.raises(UnsupportedFormat, match="PNG image.*ocrmypdf"):
            read(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)

    def test_it_reports_password_protected_office_files_as_encrypted(self) -> None:
        with pytest.raises(EncryptedDocument):
            read(cfb("EncryptionInfo", "EncryptedPackage"), path="secret.docx")
        with pytest.raises(EncryptedDocument):
            read(cfb("EncryptionInfo", "EncryptedPackage"), format="docx")

    def test_it_names_a_legacy_word_file_forced_through_the_docx_reader(self) -> None:
        with pytest.raises(UnsupportedFormat, match=r"\.doc\)"):
            read(cfb("WordDocument", "1Table"), format="docx")

    @pytest.mark.parametrize(
        ("name", "fmt"),
        [("07_synthetic_notice_kingsoft.wps", "wps"), ("08_synthetic_notice_word97.doc", "doc"),
         ("06_luqiao_weishengju_pifu.ofd", "ofd")],
    )  # fmt: skip
    def test_it_recognizes_the_real_government_files_by_content(self, name: str, fmt: str) -> None:
        path = REALFILES / name
        if not path.exists():
            pytest.skip(f"{path} absent")
        assert detect_format(path.read_bytes(), path=str(path)) == fmt


class TestRead:
    def test_it_reads_plain_text_bytes_with_the_text_reader(self) -> None:
        seed = CORPORA / "seed" / "000_f2a56335dda66f79.txt"
        result = read(seed)
        assert result.source.format == "txt"
        assert result.source.path == str(seed)
        assert result.text.startswith("中共湖南省委办公厅")

    def test_it_takes_a_str_as_the_document_text_not_a_file_name(self) -> None:
        assert read("一、总体要求").source.format == "txt"
        html = read("<div class='article-content'><p>一、总体要求</p></div>")
        assert html.source.format == "html"
        assert html.text == "一、总体要求"
        assert contract_violations(html) == []

    def test_it_refuses_binary_formats_given_as_str(self) -> None:
        with pytest.raises(UsageError):
            read("%PDF-1.4", format="pdf")

    def test_it_honours_an_explicit_format(self) -> None:
        assert read(b"<p>x</p>", format="txt").text == "<p>x</p>"

    def test_it_warns_when_the_suffix_and_the_content_disagree(self, tmp_path: Path) -> None:
        misnamed = tmp_path / "notice.pdf"
        misnamed.write_bytes("<div class='article-content'><p>正文</p></div>".encode())
        result = read(misnamed)
        assert result.source.format == "html"
        assert any("says pdf" in w for w in result.warnings)

    def test_it_reports_a_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(FileNotFound):
            read(tmp_path / "absent.docx")

    def test_it_refuses_input_over_the_byte_limit(self) -> None:
        with pytest.raises(InputTooLarge, match="max_input_bytes"):
            read(b"x" * 2048, limits={"max_input_bytes": 1024})

    def test_it_rejects_other_source_types(self) -> None:
        with pytest.raises(UsageError):
            read(12)  # type: ignore[arg-type]


class TestReadLimits:
    def test_it_resolves_none_dict_or_instance(self) -> None:
        assert ReadLimits.resolve(None) == ReadLimits()
        assert ReadLimits.resolve({"max_pdf_pages": 5}).max_pdf_pages == 5
        limits = ReadLimits(max_zip_ratio=10)
        assert ReadLimits.resolve(limits) is limits

    def test_it_rejects_unknown_limit_names(self) -> None:
        with pytest.raises(UsageError, match="max_pages"):
            ReadLimits.resolve({"max_pages": 5})

    def test_it_has_sane_defaults(self) -> None:
        limits = ReadLimits()
        assert limits.max_input_bytes >= 50 * 1024 * 1024
        assert 100 <= limits.max_pdf_pages <= 10_000
        assert 50 <= limits.max_zip_ratio <= 1000
