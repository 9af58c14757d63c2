"""One settings object (segmenter, read limits and budgets, table settings) through every entry point:
``parse``, ``parse_text``, ``debug_parse``, ``parse_many`` (in-process, worker processes, Dask) and the CLI."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

import policyparse
from policyparse.batch import parse_many
from policyparse.cli import main
from policyparse.errors import InputTooLarge, TextTooLarge, Timeout, UsageError
from policyparse.extract.tables import TableSettings
from policyparse.io.limits import ReadLimits
from policyparse.nlp.segment import JiebaSegmenter
from policyparse.pipeline import debug_parse
from policyparse.serialize import to_json
from policyparse.settings import Settings

from conftest import ROOT, SEED

SEED_PDF = ROOT / "corpora" / "fixtures" / "seed.pdf"


@pytest.fixture
def jieba_cuts(monkeypatch):
    """How many times the jieba segmenter cut a piece of text (unit lists only are cut)."""
    calls: list[str] = []
    original = JiebaSegmenter.cut

    def spy(self, text):
        calls.append(text)
        return original(self, text)

    monkeypatch.setattr(JiebaSegmenter, "cut", spy)
    return calls


def annex_tables(doc) -> list:
    return [t for d in doc.walk() for ax in d.annexes for t in ax.tables]


def write_toml(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- the object itself


def test_it_defaults_to_the_rules_segmenter_and_the_default_limits_and_table_settings():
    s = Settings()
    assert (s.segmenter, s.limits, s.tables) == ("rules", ReadLimits(), TableSettings())
    assert policyparse.Settings is Settings


def test_it_resolves_from_none_a_dict_with_nested_dicts_or_an_instance():
    s = Settings.resolve({"segmenter": "jieba", "limits": {"max_seconds": 5}, "tables": {"header_words": ["序号"]}})
    assert s.segmenter == "jieba" and s.limits.max_seconds == 5.0 and s.limits.max_pdf_pages == 1000
    assert s.tables.header_words == ("序号",)  # a TOML/JSON list becomes the field's tuple
    assert Settings.resolve(None) == Settings() and Settings.resolve(s) is s


def test_none_and_the_old_name_none_both_mean_the_rules_segmenter():
    assert Settings(segmenter="none").segmenter == "rules"  # type: ignore[arg-type]
    assert Settings().with_segmenter(None) == Settings()
    assert Settings(segmenter="jieba").with_segmenter("rules").segmenter == "rules"


@pytest.mark.parametrize("value, named", [
    ({"segmentr": "jieba"}, "known: limits, segmenter, tables"),
    ({"limits": {"max_secs": 1}}, "max_seconds"),
    ({"tables": {"cols": 3}}, "max_cols"),
])
def test_an_unknown_key_at_any_level_is_a_usage_error_naming_the_known_ones(value, named):
    with pytest.raises(UsageError, match=named):
        Settings.resolve(value)


@pytest.mark.parametrize("value, field", [
    ({"segmenter": "thulac"}, "segmenter"),
    ({"segmenter": 3}, "segmenter"),
    ({"limits": {"max_seconds": "60"}}, "max_seconds"),
    ({"limits": {"max_pdf_pages": 1.5}}, "max_pdf_pages"),
    ({"limits": {"convert_legacy": 1}}, "convert_legacy"),
    ({"tables": {"header_words": "序号"}}, "header_words"),
])
def test_a_value_of_the_wrong_type_is_a_usage_error_naming_the_field(value, field):
    with pytest.raises(UsageError, match=field):
        Settings.resolve(value)


def test_it_pickles_and_compares_by_value():
    s = Settings.resolve({"segmenter": "pkuseg", "limits": {"max_text_chars": 10}})
    assert pickle.loads(pickle.dumps(s)) == s and hash(pickle.loads(pickle.dumps(s))) == hash(s)


def test_it_loads_from_a_toml_file(tmp_path):
    f = write_toml(tmp_path / "s.toml", 'segmenter = "jieba"\n[limits]\nmax_seconds = inf\n[tables]\nmax_cols = 24\n')
    s = Settings.from_toml(f)
    assert (s.segmenter, s.limits.max_seconds, s.tables.max_cols) == ("jieba", float("inf"), 24)


def test_a_missing_or_malformed_toml_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such settings file"):
        Settings.from_toml(tmp_path / "absent.toml")
    with pytest.raises(UsageError, match="not valid TOML"):
        Settings.from_toml(write_toml(tmp_path / "bad.toml", "segmenter = \n"))


# ------------------------------------------------------------------------- parse / parse_text


def test_the_defaults_give_the_same_json_as_no_settings():
    plain = to_json(policyparse.parse(SEED))
    assert to_json(policyparse.parse(SEED, settings=Settings())) == plain
    assert to_json(policyparse.parse(SEED, settings={})) == plain


def test_the_read_limits_reach_the_reader_through_parse_and_parse_text():
    with pytest.raises(InputTooLarge) as e:
        policyparse.parse(SEED, settings={"limits": {"max_input_bytes": 100}})
    assert e.value.budget == "max_input_bytes"
    with pytest.raises(TextTooLarge):
        policyparse.parse(SEED_PDF, settings={"limits": {"max_text_chars": 1000}})
    html = "<html><body><p>关于做好工作的通知</p></body></html>"
    with pytest.raises(InputTooLarge) as e:
        policyparse.parse_text(html, format="html", settings={"limits": {"max_html_chars": 10}})
    assert e.value.budget == "max_html_chars"


def test_the_time_budget_of_the_settings_bounds_parse():
    with pytest.raises(Timeout):
        policyparse.parse(SEED, settings=Settings(limits=ReadLimits(max_seconds=1e-9)))


def test_the_segmenter_choice_reaches_unit_splitting(jieba_cuts):
    policyparse.parse(SEED)
    assert jieba_cuts == []  # the default: the rules and the lexicon only
    policyparse.parse(SEED, settings={"segmenter": "jieba"})
    assert jieba_cuts and all(len(t) < 200 for t in jieba_cuts)  # unit lists, not the document


def test_the_old_segmenter_keyword_still_works_and_overrides_the_settings(jieba_cuts):
    policyparse.parse(SEED, settings={"segmenter": "jieba"}, segmenter="none")
    assert jieba_cuts == []
    doc = policyparse.parse_text(SEED.read_text(encoding="utf-8"), segmenter="jieba")
    assert jieba_cuts and doc.enclosed[0].tasks


def test_the_table_settings_reach_the_flattened_table_finder():
    assert [t.n_cols for t in annex_tables(policyparse.parse(SEED))] == [4]
    assert annex_tables(policyparse.parse(SEED, settings={"tables": {"max_cols": 2}})) == []


def test_debug_parse_keeps_the_settings_it_ran_with():
    stages = debug_parse(SEED, settings={"segmenter": "jieba"}, segmenter="rules")
    assert stages.settings == Settings(segmenter="rules")


# -------------------------------------------------------------------------------- parse_many


def test_parse_many_hands_the_settings_to_its_worker_processes(tmp_path):
    out = tmp_path / "out.jsonl"
    recs = list(parse_many([SEED], workers=1, out=out, settings={"limits": {"max_input_bytes": 100}}))
    assert [(r["ok"], r["error"], r["budget"]) for r in recs] == [(False, "InputTooLarge", "max_input_bytes")]
    again = list(parse_many([SEED], workers=1, settings=Settings()))
    assert again[0]["ok"]


def test_parse_many_takes_its_time_budget_from_the_settings_unless_timeout_says_otherwise():
    tiny = {"limits": {"max_seconds": 1e-9}}
    assert [r["error"] for r in parse_many([SEED], workers=0, settings=tiny)] == ["Timeout"]
    assert [r["ok"] for r in parse_many([SEED], workers=0, settings=tiny, timeout=60)] == [True]


def test_parse_many_in_process_uses_the_settings_segmenter(jieba_cuts):
    assert [r["ok"] for r in parse_many([SEED], workers=0, settings={"segmenter": "jieba"})] == [True]
    assert jieba_cuts


def test_parse_many_lists_a_zip_with_the_settings_limits(tmp_path):
    import zipfile

    z = tmp_path / "two.zip"
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("a.txt", SEED.read_text(encoding="utf-8"))
        f.writestr("b.txt", SEED.read_text(encoding="utf-8"))
    assert [r["ok"] for r in parse_many([z], workers=0)] == [True, True]
    recs = list(parse_many([z], workers=0, settings={"limits": {"max_archive_members": 1}}))
    assert [(r["error"], r["budget"]) for r in recs] == [("InputTooLarge", "max_archive_members")]


def test_the_dask_engine_gets_the_settings_too():
    pytest.importorskip("dask", reason="Dask is an optional extra: pip install 'policyparse[dask]'")
    recs = list(parse_many([SEED], engine="dask", scheduler="synchronous",
                           settings={"limits": {"max_input_bytes": 100}}))
    assert [(r["error"], r["budget"]) for r in recs] == [("InputTooLarge", "max_input_bytes")]


# ----------------------------------------------------------------------------------- the CLI


def test_cli_batch_takes_a_settings_file(tmp_path):
    f = write_toml(tmp_path / "f.toml", "[limits]\nmax_input_bytes = 100\n")
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(main, ["batch", str(SEED), "-o", str(out), "--workers", "1", "--no-progress", "--settings", str(f)])
    assert r.exit_code == 3, r.output
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert (rec["error"], rec["budget"]) == ("InputTooLarge", "max_input_bytes")


def test_cli_parse_takes_a_settings_file_and_segmenter_overrides_it(tmp_path, jieba_cuts):
    f = write_toml(tmp_path / "f.toml", 'segmenter = "jieba"\n')
    r = CliRunner().invoke(main, ["parse", str(SEED), "--settings", str(f), "--segmenter", "rules", "--no-text"])
    assert r.exit_code == 0 and jieba_cuts == []
    r = CliRunner().invoke(main, ["parse", str(SEED), "--settings", str(f), "--no-text"])
    assert r.exit_code == 0 and jieba_cuts
    assert json.loads(r.output)["enclosed"][0]["tasks"]


def test_cli_a_bad_settings_file_exits_2_naming_the_known_keys(tmp_path):
    f = write_toml(tmp_path / "f.toml", "[limit]\nmax_seconds = 1\n")
    r = CliRunner().invoke(main, ["parse", str(SEED), "--settings", str(f)])
    assert r.exit_code == 2 and "known: limits, segmenter, tables" in r.stderr
