"""The history and the store carry diffs: an edge between two parsed documents gets the diff's
counts, and the store answers which articles changed between two editions without re-parsing."""

from __future__ import annotations

import shutil

import networkx as nx
import pytest

from policyparse.diff import diff_documents
from policyparse.diff.history import annotate_history, edge_to_pair
from policyparse.history import History, build_history
from policyparse.store import Store

from conftest import CORPORA, DEV, parsed

EDITIONS = CORPORA / "editions"
F019 = DEV / "019_fagui_guizhang_beian_shencha_tiaoli_2024.txt"
F020 = DEV / "020_fagui_guizhang_beian_tiaoli_2001.txt"
ROADS = [EDITIONS / f"daolu_yunshu_tiaoli_{d}.txt" for d in ("2019-03-02", "2022-03-29", "2023-07-20")]


def test_a_repeal_edge_between_two_parsed_documents_carries_the_diff_counts():
    docs = [parsed(str(F019)), parsed(str(F020)), parsed(str(DEV / "002_guofa_2018_39.txt"))]
    h = build_history(docs)
    diffs = annotate_history(h, docs)
    assert len(diffs) == 1
    (u, v, k), d = next(iter(diffs.items()))
    edge = h.graph.edges[u, v, k]
    assert edge["kind"] == "repeals" and edge["diff"]["old"] == v and edge["diff"]["new"] == u
    assert {x: edge["diff"][x] for x in ("unchanged", "amended", "inserted", "deleted", "moved")} == \
        {x: getattr(d.summary, x) for x in ("unchanged", "amended", "inserted", "deleted", "moved")}
    assert d.summary == diff_documents(docs[1], docs[0]).summary
    exported = [e for e in h.to_json()["edges"] if e["kind"] == "repeals" and e["target"] == v]
    assert exported[0]["diff"]["amended"] == d.summary.amended


def _edition_history(kind: str, older_is_source: bool) -> tuple[History, str, str]:
    """Two editions of 道路运输条例 as distinct nodes linked by an edition edge, the way an edition
    history links them (editions of one law share their 国务院令 number, so today's history keeps them as copies)."""
    g = nx.MultiDiGraph()
    old, new = "doc:道路运输条例@2022-03-29", "doc:道路运输条例@2023-07-20"
    g.add_node(old, kind="document", path=str(ROADS[1]), date="2022-03-29", copies=[])
    g.add_node(new, kind="document", path=str(ROADS[2]), date="2023-07-20", copies=[])
    u, v = (old, new) if older_is_source else (new, old)
    g.add_edge(u, v, key=f"{kind}@0", kind=kind)
    return History(g), old, new


@pytest.mark.parametrize("kind,older_is_source", [("amended_by", True), ("revises", False), ("amends", False)])
def test_an_edition_edge_of_either_direction_is_annotated_old_to_new(kind, older_is_source):
    docs = [parsed(str(p)) for p in ROADS[1:]]
    h, old, new = _edition_history(kind, older_is_source)
    diffs = annotate_history(h, docs)
    assert len(diffs) == 1
    (u, v, k), d = next(iter(diffs.items()))
    ann = h.graph.edges[u, v, k]["diff"]
    assert (ann["old"], ann["new"], ann["unit_kind"]) == (old, new, "article")
    assert d.summary == diff_documents(docs[0], docs[1]).summary
    assert ann["unchanged"] == d.summary.unchanged > 50


def test_the_edition_edges_the_history_builds_each_carry_the_diff_of_their_two_editions():
    docs = [parsed(str(p)) for p in ROADS]
    h = build_history(docs)
    edges = [(u, v) for u, v, d in h.graph.edges(data=True) if d["kind"] in ("amended_by", "revised_by")]
    assert len(edges) == len(ROADS) - 1  # three editions, linked oldest -> newest
    diffs = annotate_history(h, docs)
    assert sorted((u, v) for u, v, _k in diffs) == sorted(edges)
    for (u, v, k), d in diffs.items():
        ann = h.graph.edges[u, v, k]["diff"]
        assert (ann["old"], ann["new"]) == (u, v) and d.summary.unchanged > 30  # most articles carried over


def test_two_nodes_with_the_same_date_are_ordered_by_the_edge_kind():
    g = nx.MultiDiGraph()
    g.add_node("doc:a", date="2020-01-01")
    g.add_node("doc:b", date="2020-01-01")

    assert edge_to_pair(g, "doc:a", "doc:b", "amended_by") == ("doc:a", "doc:b")
    assert edge_to_pair(g, "doc:a", "doc:b", "repeals") == ("doc:b", "doc:a")


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "diffs.db") as s:
        yield s


def test_the_store_answers_which_articles_changed_between_two_editions(store, tmp_path):
    for p in (F019, F020):
        store.add(parsed(str(p)))
    rows = store.add_edge_diffs()
    assert [(r["old_key"], r["new_key"], r["edge_kind"]) for r in rows] == \
        [("doc:国务院令第337号", "doc:法规规章备案审查条例", "repeals")]
    d = diff_documents(parsed(str(F020)), parsed(str(F019)))
    changed = store.changed_units("国务院令第337号", "法规规章备案审查条例")
    want = [(c.status, c.old_label, c.new_label) for c in d.changes if c.status != "unchanged"]
    assert [(r["status"], r["old_label"], r["new_label"]) for r in changed] == want
    assert {r["status"] for r in changed} == {"amended", "inserted", "deleted"}
    inserted = store.changed_units("doc:国务院令第337号", "doc:法规规章备案审查条例", statuses=("inserted",))
    assert [r["new_label"] for r in inserted] == [c.new_label for c in d.changes if c.status == "inserted"]
    summary = store.edition_diffs("doc:法规规章备案审查条例")
    assert len(summary) == 1 and summary[0]["amended"] == d.summary.amended
    h = store.history_with_diffs()
    edge = next(d for _u, _v, d in h.graph.edges(data=True) if d.get("diff"))
    assert (edge["kind"], edge["diff"]["old"], edge["diff"]["new"], edge["diff"]["amended"]) == \
        ("repeals", "doc:国务院令第337号", "doc:法规规章备案审查条例", d.summary.amended)
    # answered from the tables: no document JSON is read again
    n = store.sql("SELECT COUNT(*) AS n FROM unit_changes")[0]["n"]
    assert n == len(d.changes)


def test_a_stored_diff_stops_answering_once_a_source_changes(store, tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    shutil.copyfile(ROADS[1], old)
    shutil.copyfile(ROADS[2], new)
    from policyparse.pipeline import parse

    for p in (old, new):
        store.add(parse(p))
    a, b = str(old), str(new)  # a side may be named by its stored source path
    row = store.add_diff(a, b)
    assert (row["old_key"], row["new_key"]) == ("doc:国务院令第406号@2022-03-29", "doc:国务院令第406号@2023-07-20")
    assert row["unit_kind"] == "article" and store.changed_units(a, b)
    assert store.edition_diffs() and store.edition_diffs()[0]["old_path"] == str(old)
    new.write_text(new.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    store.add(parse(new))  # other bytes under the same path
    assert store.edition_diffs() == [] and store.changed_units(a, b) == []
    store.add_diff(a, b)
    assert len(store.edition_diffs()) == 1
