"""The OFD reader: package and XML, reading order with page provenance, seals as metadata, hostile input."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from policyparse.errors import CorruptDocument, EmptyDocument, InputTooLarge, NoTextLayer
from policyparse.io import contract_violations
from policyparse.io.detect import READABLE
from policyparse.io.ofd import MM_TO_PT, expand_deltas, read_ofd, seal_name
from policyparse.model import SourceText

ROOT = Path(__file__).resolve().parents[2]
NAME = "06_luqiao_weishengju_pifu.ofd"
NS = "http://www.ofdspec.org/2016"


def real_ofd() -> Path:
    for candidate in (ROOT / "corpora" / "realfiles" / NAME, ROOT.parent / "shared" / "realfiles" / NAME):
        if candidate.is_file():
            return candidate
    pytest.skip(f"{NAME} is in neither corpora/realfiles/ nor ../shared/realfiles/")


@pytest.fixture(scope="module")
def pifu() -> SourceText:
    path = real_ofd()
    return read_ofd(path.read_bytes(), path=str(path))


# --------------------------------------------------------------------------- a package built in the test


def text_object(oid: int, text: str, x: float, y: float, *, size: float = 5.6, delta: str | None = None,
                extra: str = "") -> str:  # fmt: skip
    """A one-line TextObject whose baseline starts at (x, y) mm on the page."""
    delta = delta if delta is not None else " ".join([f"{size:g}"] * (len(text) - 1))
    box = f"{x} {y - size} 160 {size * 1.5}"
    return (f'<ofd:TextObject ID="{oid}" Font="1" Size="{size}" Boundary="{box}" {extra}>'
            f'<ofd:TextCode X="0" Y="{size}" DeltaX="{delta}">{text}</ofd:TextCode></ofd:TextObject>')  # fmt: skip


def page_xml(objects: list[str], *, prolog: str = "", template: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<ofd:Page xmlns:ofd="{NS}">'
            f'<ofd:Area><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:Area>{template}'
            f'<ofd:Content><ofd:Layer ID="9">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>').encode()  # fmt: skip


def build_ofd(pages: list[bytes], *, extra: dict[str, bytes] | None = None, signatures: bool = False,
              templates: str = "", doc_root: str = "/Doc_0/Document.xml") -> bytes:  # fmt: skip
    """A minimal valid OFD package: OFD.xml, Doc_0/Document.xml and one Content.xml per page."""
    sig = "<ofd:Signatures>/Doc_0/Signatures.xml</ofd:Signatures>" if signatures else ""
    members = {
        "OFD.xml": (f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
                    f"<ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID><ofd:Title>测试文件</ofd:Title>"
                    f"<ofd:Author>某人</ofd:Author></ofd:DocInfo><ofd:DocRoot>{doc_root}</ofd:DocRoot>{sig}"
                    f"</ofd:DocBody></ofd:OFD>").encode(),  # fmt: skip
        "Doc_0/Document.xml": (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
                               f"<ofd:MaxUnitID>99</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297"
                               f"</ofd:PhysicalBox></ofd:PageArea>{templates}</ofd:CommonData><ofd:Pages>"
                               + "".join(f'<ofd:Page ID="{100 + i}" BaseLoc="Pages/Page_{i}/Content.xml"/>'
                                         for i in range(len(pages)))
                               + "</ofd:Pages></ofd:Document>").encode(),  # fmt: skip
    }
    for i, content in enumerate(pages):
        members[f"Doc_0/Pages/Page_{i}/Content.xml"] = content
    members.update(extra or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return buf.getvalue()


BODY = [
    text_object(2, "关于开展测试工作的通知", 40.0, 60.0, size=7.7),
    text_object(3, "各有关单位：", 28.0, 80.0),
    # a paragraph wrapped over two lines: the first line reaches the right margin (28 + 28 x 5.57 mm)
    text_object(4, "现将有关事项通知如下，请认真贯彻落实，确保各项工作任务按时完成，并及", 39.14, 90.0, delta="g 33 4.43"),
    text_object(5, "时报送工作进展情况。", 28.0, 100.0),
    text_object(6, "— 1 —", 160.0, 270.0, size=4.9),
]


class TestAPackageBuiltInTheTest:
    def test_it_reads_text_objects_in_reading_order_whatever_their_drawing_order(self) -> None:
        source = read_ofd(build_ofd([page_xml(list(reversed(BODY)))]), path="t.ofd")
        assert source.text.splitlines() == [
            "关于开展测试工作的通知",
            "各有关单位：",
            "现将有关事项通知如下，请认真贯彻落实，确保各项工作任务按时完成，并及时报送工作进展情况。",
        ]
        assert contract_violations(source) == []
        assert source.source.format == "ofd" and source.source.pages == 1

    def test_it_joins_text_objects_on_one_baseline_into_one_line(self) -> None:
        parts = [text_object(2, "抄送：", 28.0, 100.0), text_object(3, "市财政局，", 44.71, 100.0),
                 text_object(4, "市审计局。", 72.56, 100.0)]  # fmt: skip
        assert read_ofd(build_ofd([page_xml(parts)])).text == "抄送：市财政局，市审计局。"

    def test_it_removes_page_numbers_and_gives_page_and_bbox_in_points(self) -> None:
        second = page_xml([text_object(2, "第二页正文。", 28.0, 40.0), text_object(3, "— 2 —", 28.0, 270.0, size=4.9)])
        source = read_ofd(build_ofd([page_xml(BODY), second]))
        assert "—" not in source.text
        last = source.blocks[-1]
        assert (last.text, last.page, last.span.page, last.locator) == ("第二页正文。", 2, 2, "page 2 line 1")
        assert last.bbox is not None
        x0, top, x1, bottom = last.bbox
        assert x0 == pytest.approx(28.0 * MM_TO_PT, abs=0.01)
        assert bottom == pytest.approx(40.0 * 1.0 * MM_TO_PT + 0.14 * 5.6 * MM_TO_PT, abs=0.01)
        assert x1 == pytest.approx((28.0 + 6 * 5.6) * MM_TO_PT, abs=0.01) and top < bottom

    def test_it_takes_the_text_of_template_pages(self) -> None:
        tpl = '<ofd:TemplatePage ID="7" BaseLoc="Tpls/Tpl_0/Content.xml"/>'
        use = '<ofd:Template TemplateID="7" ZOrder="Background"/>'
        extra = {"Doc_0/Tpls/Tpl_0/Content.xml": page_xml([text_object(2, "某某市人民政府文件", 40.0, 30.0, size=7.7)])}
        source = read_ofd(build_ofd([page_xml(BODY[1:2], template=use)], extra=extra, templates=tpl))
        assert source.text.splitlines() == ["某某市人民政府文件", "各有关单位："]

    def test_it_scales_by_the_ctm_and_leaves_rotated_text_out_with_a_warning(self) -> None:
        scaled = text_object(2, "正文", 14.0, 50.0, size=2.8, delta="2.8", extra='CTM="2 0 0 2 0 0"')
        rotated = text_object(3, "水印文字", 60.0, 150.0, extra='CTM="0.7 0.7 -0.7 0.7 0 0"')
        source = read_ofd(build_ofd([page_xml([scaled, rotated])]))
        assert source.text == "正文"
        block = source.blocks[0]
        assert block.bbox is not None and block.bbox[0] == pytest.approx(14.0 * MM_TO_PT, abs=0.01)
        assert any("4 rotated or vertical characters" in w for w in source.warnings)

    def test_it_keeps_the_title_and_leaves_the_author_out_of_the_metadata(self) -> None:
        meta = read_ofd(build_ofd([page_xml(BODY)])).metadata
        assert meta["title"] == "测试文件" and "某人" not in meta.values()
        assert (meta["signatures"], meta["seals"]) == ("0", "0")

    def test_it_resolves_a_doc_root_given_without_a_leading_slash(self) -> None:
        assert read_ofd(build_ofd([page_xml(BODY[1:2])], doc_root="Doc_0/Document.xml")).text == "各有关单位："

    def test_it_expands_g_groups_in_delta_lists(self) -> None:
        assert expand_deltas("1 g 3 2.5 4", 10) == [1.0, 2.5, 2.5, 2.5, 4.0]
        assert expand_deltas("g 100000000 1", 3) == [1.0, 1.0, 1.0]
        with pytest.raises(ValueError):
            expand_deltas("g 3", 5)

    def test_it_skips_a_text_object_with_malformed_numbers_and_says_so(self) -> None:
        bad = ('<ofd:TextObject ID="5" Size="x" Boundary="a b c d">'
               '<ofd:TextCode X="0" Y="1">坏</ofd:TextCode></ofd:TextObject>')
        source = read_ofd(build_ofd([page_xml([bad, BODY[1]])]))
        assert source.text == "各有关单位：" and any("malformed" in w for w in source.warnings)


# --------------------------------------------------------------------------- seals


def der(tag: int, body: bytes) -> bytes:
    n = len(body)
    width = (n.bit_length() + 7) // 8
    length = bytes([n]) if n < 0x80 else bytes([0x80 | width]) + n.to_bytes(width, "big")
    return bytes([tag]) + length + body


def ses_seal(name: str) -> bytes:
    """A GM/T 0031 V4-shaped SES_Seal: SealInfo(header, esID, property(type, name, …), picture)."""
    header = der(0x30, der(0x16, b"ES") + der(0x02, b"\x04") + der(0x16, b"vendor"))
    prop = der(0x30, der(0x02, b"\x01") + der(0x0C, name.encode()) + der(0x02, b"\x01") + der(0x30, b""))
    picture = der(0x30, der(0x16, b"PNG") + der(0x04, b"\x89PNG" + b"\x00" * 300))
    return der(0x30, der(0x30, header + der(0x16, b"seal-1") + prop + picture) + der(0x04, b"cert"))


class TestSeals:
    def test_it_reads_the_seal_name_from_a_seal_or_a_signature_that_embeds_one(self) -> None:
        seal = ses_seal("某某市人民政府办公室")
        assert seal_name(seal) == "某某市人民政府办公室"
        to_sign = der(0x30, der(0x02, b"\x04") + seal + der(0x18, b"20240101000000Z"))
        signature = der(0x30, to_sign + der(0x03, b"\x00sig"))
        assert seal_name(signature) == "某某市人民政府办公室"
        assert seal_name(b"\x30\x82\xff\xff\x30") is None and seal_name(b"not der") is None

    def test_it_notes_a_signature_as_metadata_and_never_as_text(self) -> None:
        listing = (f'<ofd:Signatures xmlns:ofd="{NS}">'
                   '<ofd:Signature ID="1" BaseLoc="Signs/Sign_0/Signature.xml"/></ofd:Signatures>')
        signature = (f'<ofd:Signature xmlns:ofd="{NS}"><ofd:SignedInfo><ofd:Provider ProviderName="某签章系统" '
                     f'Company="某公司"/><ofd:SignatureDateTime>20240102</ofd:SignatureDateTime>'
                     f'<ofd:StampAnnot ID="1" PageRef="100" Boundary="120 40 40 40"/></ofd:SignedInfo>'
                     f"<ofd:SignedValue>SignedValue.dat</ofd:SignedValue></ofd:Signature>")  # fmt: skip
        value = der(0x30, der(0x30, der(0x02, b"\x04") + ses_seal("某某市人民政府办公室")) + der(0x03, b"\x00s"))
        extra = {"Doc_0/Signatures.xml": listing.encode(), "Doc_0/Signs/Sign_0/Signature.xml": signature.encode(),
                 "Doc_0/Signs/Sign_0/SignedValue.dat": value}  # fmt: skip
        source = read_ofd(build_ofd([page_xml(BODY)], extra=extra, signatures=True))
        meta = source.metadata
        assert (meta["signatures"], meta["seals"], meta["signature.1.type"]) == ("1", "1", "Seal")
        assert meta["signature.1.signer"] == "某某市人民政府办公室"
        assert (meta["signature.1.pages"], meta["signature.1.provider"]) == ("1", "某签章系统 / 某公司")
        assert "某某市人民政府办公室" not in source.text


# --------------------------------------------------------------------------- hostile and broken input


class TestHostileInput:
    def test_it_refuses_an_external_entity_without_reading_it(self) -> None:
        evil = page_xml([text_object(2, "&xxe;", 28.0, 40.0)],
                        prolog='<!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')  # fmt: skip
        with pytest.raises(CorruptDocument, match="DTD"):
            read_ofd(build_ofd([evil]), path="evil.ofd")

    def test_it_refuses_an_entity_expansion_bomb(self) -> None:
        lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
        bomb = page_xml([text_object(2, "&l9;", 28.0, 40.0)], prolog=f'<!DOCTYPE p [<!ENTITY l0 "lol">{lol}]>')
        with pytest.raises(CorruptDocument):
            read_ofd(build_ofd([bomb]))

    def test_it_refuses_a_dtd_hidden_in_a_utf16_part(self) -> None:
        evil = page_xml([text_object(2, "x", 28.0, 40.0)], prolog="<!DOCTYPE p []>").decode()
        raw = evil.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
        with pytest.raises(CorruptDocument, match="DTD"):
            read_ofd(build_ofd([raw]))

    def test_it_refuses_a_zip_bomb_member_before_inflating_it(self) -> None:
        data = build_ofd([page_xml(BODY)], extra={"Doc_0/Res/bomb.bin": b"\x00" * (3 * 1024 * 1024)})
        with pytest.raises(InputTooLarge, match="max_zip_ratio"):
            read_ofd(data)

    def test_it_refuses_a_package_that_expands_beyond_the_limit(self) -> None:
        with pytest.raises(InputTooLarge, match="max_zip_uncompressed"):
            read_ofd(build_ofd([page_xml(BODY)]), limits={"max_zip_uncompressed": 1000})

    def test_it_refuses_more_pages_than_the_limit(self) -> None:
        with pytest.raises(InputTooLarge, match="pages"):
            read_ofd(build_ofd([page_xml(BODY)] * 3), limits={"max_pdf_pages": 2})

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            (b"PK\x03\x04 truncated", "zip"),
            (b"not a zip at all", "zip"),
        ],
    )
    def test_it_gives_corrupt_document_for_what_is_not_a_package(self, data: bytes, message: str) -> None:
        with pytest.raises(CorruptDocument, match=message):
            read_ofd(data)

    def test_it_gives_corrupt_document_for_missing_or_broken_parts(self) -> None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as archive:
            archive.writestr("Doc_0/Document.xml", b"<x/>")
        with pytest.raises(CorruptDocument, match="OFD.xml"):
            read_ofd(buf.getvalue())
        with pytest.raises(CorruptDocument, match="DocRoot"):
            read_ofd(build_ofd([page_xml(BODY)], doc_root="/Doc_9/Document.xml"))
        with pytest.raises(CorruptDocument, match="well-formed"):
            read_ofd(build_ofd([b"<ofd:Page xmlns:ofd='x'><unclosed></ofd:Page>"]))

    def test_it_says_no_text_layer_for_image_only_pages_and_empty_for_none(self) -> None:
        image = '<ofd:ImageObject ID="2" ResourceID="5" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/>'
        with pytest.raises(NoTextLayer):
            read_ofd(build_ofd([page_xml([image])]))
        with pytest.raises(EmptyDocument):
            read_ofd(build_ofd([page_xml([])]))


# --------------------------------------------------------------------------- the real OFD


class TestTheRealOfd:
    def test_it_reads_the_title_number_and_body_lines(self, pifu: SourceText) -> None:
        lines = pifu.text.splitlines()
        assert lines[:4] == ["测试符路桥区卫生局文件", "路卫发〔2011〕76号", "关于同意张阿三同志辞职的批复", "区中医院："]
        assert "你院《关于给张阿三同志辞职的请示》（路中医发〔2011〕10号）收悉。" in lines
        assert any(line.startswith("张阿三，男，1978年2月出生") and line.endswith("系区中医院职工。") for line in lines)
        assert lines[-3:] == ["测试符路桥区卫生局办公室", "2011年3月10日", "测试符路桥区卫生局办公室 2011年3月10日印发"]
        assert contract_violations(pifu) == []

    def test_it_counts_two_pages_and_drops_their_page_numbers(self, pifu: SourceText) -> None:
        assert pifu.source.pages == 2 and pifu.source.format == "ofd"
        assert "— 1 —" not in pifu.text and "— 2 —" not in pifu.text
        pages = {b.text: b.page for b in pifu.blocks}
        assert pages["关于同意张阿三同志辞职的批复"] == 1 and pages["2011年3月10日"] == 2
        width = 210 * MM_TO_PT
        assert all(b.bbox is not None and 0 <= b.bbox[0] < b.bbox[2] <= width for b in pifu.blocks)

    def test_it_notes_the_seal_in_the_metadata(self, pifu: SourceText) -> None:
        meta = pifu.metadata
        assert (meta["signatures"], meta["seals"], meta["signature.1.type"]) == ("1", "1", "Seal")
        assert meta["signature.1.pages"] == "2"
        assert meta["signature.1.signer"] == "某某省人力资源和社会测试章"
        assert meta["signature.1.datetime"] == "2020-01-25 15:31:56"
        assert "测试章" not in pifu.text
        assert "vita" not in meta.values()  # custom data (the producer's user name) is not copied

    def test_the_pipeline_finds_its_doc_number_title_and_date(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from policyparse import io as pio
        from policyparse.pipeline import parse

        path = real_ofd()
        if "ofd" not in READABLE:  # until the dispatcher routes 'ofd' here, route it for this test
            original = pio.read

            def read(source, **kwargs):  # type: ignore[no-untyped-def]
                if isinstance(source, Path) and source.suffix == ".ofd":
                    return read_ofd(source.read_bytes(), path=str(source))
                return original(source, **kwargs)

            monkeypatch.setattr(pio, "read", read)
        doc = parse(path)
        assert doc.doc_number is not None and doc.doc_number.normalized == "路卫发〔2011〕76号"
        assert (doc.title, doc.doc_type, doc.date) == ("关于同意张阿三同志辞职的批复", "批复", "2011-03-10")
        assert [r.name for r in doc.recipients] == ["区中医院"]
        assert doc.metadata.pages == 2 and doc.metadata.container["signature.1.signer"] == "某某省人力资源和社会测试章"

    @pytest.mark.skipif("ofd" not in READABLE, reason="io.detect does not list 'ofd' as readable yet (not wired)")
    def test_read_routes_ofd_to_this_reader(self) -> None:
        from policyparse.io import read

        assert read(real_ofd()).source.format == "ofd"
