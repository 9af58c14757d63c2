"""The command line: a thin shell over the library, the only module that prints or exits.

Exit codes: 0 success; 1 the input could not be parsed (a PolicyParseError, reason on stderr);
2 usage error (a bad option, or a UsageError such as an input set with no documents); 3 a batch
finished with failed inputs; 4 an evaluation scored under its threshold.

``-v`` / ``-vv`` / ``-q`` set the level of the ``policyparse`` logger (INFO / DEBUG / ERROR;
WARNING by default), whose records go to stderr: the library logs, only this module prints.
"""

from __future__ import annotations

import json
import logging
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import PolicyParseError, UsageError

SEED_NAME = "hunan_2021_seed.txt"


def _seed_path() -> Path:
    return Path(str(resources.files("policyparse") / "data" / "examples" / SEED_NAME))


def _fail(exc: PolicyParseError, code: int | None = None) -> None:
    """One line on stderr, then exit: 2 for a usage error, else ``code`` (default 1)."""
    click.echo(f"policyparse: error [{exc.code} {type(exc).__name__}]: {exc}", err=True)
    sys.exit(2 if isinstance(exc, UsageError) else (code or 1))


def _setup_logging(verbose: int, quiet: int) -> None:
    level = logging.WARNING - 10 * verbose + 10 * quiet
    logger = logging.getLogger("policyparse")
    logger.setLevel(max(logging.DEBUG, min(logging.CRITICAL, level)))
    ours = [h for h in logger.handlers if getattr(h, "_policyparse_cli", False)]
    if ours:
        ours[0].setStream(sys.stderr)  # type: ignore[attr-defined]  # the stderr of this run
    else:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("policyparse: %(levelname)s: %(message)s"))
        handler._policyparse_cli = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.propagate = False


def _settings(settings_file: Path | None, segmenter: str | None) -> Any:
    """The one Settings object of a command: ``--settings FILE`` (TOML), then ``--segmenter`` over it;
    a bad file exits 2 with the one-line reason."""
    from .settings import Settings, resolve

    try:
        return resolve(Settings.from_toml(settings_file) if settings_file is not None else None, segmenter=segmenter)
    except PolicyParseError as exc:
        _fail(exc)
        raise  # pragma: no cover - _fail exits


def _settings_options(fn: Any) -> Any:
    """``--settings FILE`` and its ``--segmenter`` shortcut, for every command that parses."""
    fn = click.option("--segmenter", type=click.Choice(["rules", "jieba", "pkuseg", "none"]), default=None,
                      help="how unit lists are cut (overrides --settings): rules only (default; none is the "
                           "same), or with the jieba / pkuseg segmenter")(fn)
    return click.option("--settings", "settings_file", type=click.Path(path_type=Path), default=None,
                        help="a TOML file of settings: segmenter, [limits] (budgets), [tables] "
                             "(see docs/settings.md)")(fn)


def _parse_file(file: Path | None, fmt: str | None, settings: Any = None):
    """Parse FILE (default: the bundled seed) with ``settings`` or exit 1 with the one-line reason."""
    from .pipeline import parse as parse_doc

    try:
        return parse_doc(file if file is not None else _seed_path(), format=fmt, settings=settings)
    except PolicyParseError as exc:
        _fail(exc)
        raise  # pragma: no cover - _fail exits


def _write(text: str, out: Path | None) -> None:
    if out is None:
        click.echo(text)
    else:
        from .batch import escape_surrogates

        data = (escape_surrogates(text) + "\n").encode("utf-8")  # a non-UTF-8 file name as \\udcXX
        tmp = out.with_name(out.name + ".part")
        try:
            tmp.write_bytes(data)
            tmp.replace(out)
        except BaseException:
            tmp.unlink(missing_ok=True)  # never leave a partial .part behind
            raise


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="policyparse")
@click.option("-v", "--verbose", count=True, help="more log messages on stderr (-vv: debug)")
@click.option("-q", "--quiet", count=True, help="only errors on stderr")
def main(verbose: int, quiet: int) -> None:
    """policyparse: Chinese government policy documents (公文) as validated JSON."""
    _setup_logging(verbose, quiet)


def _write_parquet(records_path: Path, folder: Path) -> dict[str, int]:
    """The Parquet tables of a batch output, with the history's edges and every document's key."""
    from .history import doc_key, history_from_records
    from .model import PolicyDocument
    from .serialize.parquet import write_parquet

    def records() -> Any:
        with open(records_path, encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)

    edges = history_from_records(records()).to_json()["edges"]
    return write_parquet(records(), folder, edges=edges, key_fn=lambda d: doc_key(PolicyDocument.model_validate(d)))


@main.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), help="write the JSON here instead of stdout")
@click.option("--format", "fmt", type=click.Choice(["txt", "docx", "pdf", "html", "ofd"]), help="input format (default: detect)")
@click.option("--no-text", is_flag=True, help="leave the reader's full text out of the JSON")
@click.option("--compact", is_flag=True, help="one line of JSON")
@_settings_options
@click.option("--to", "to", type=click.Choice(["json", "md", "txt"]), default="json", show_default=True,
              help="output: the JSON, a Markdown digest, or the document's plain text")
def parse(file: Path | None, out: Path | None, fmt: str | None, no_text: bool, compact: bool, segmenter: str | None,
          to: str, settings_file: Path | None) -> None:
    """Parse FILE (default: the bundled 2021 Hunan seed notice) and print its JSON (or Markdown, or text)."""
    from .serialize import to_json
    from .serialize.markdown import to_markdown, to_plain_text

    doc = _parse_file(file, fmt, _settings(settings_file, segmenter))
    if to == "md":
        _write(to_markdown(doc).rstrip("\n"), out)
    elif to == "txt":
        _write(to_plain_text(doc).rstrip("\n"), out)
    else:
        _write(to_json(doc, indent=None if compact else 2, include_text=not no_text), out)


@main.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), help="write the CSV here instead of stdout")
@click.option("--format", "fmt", type=click.Choice(["txt", "docx", "pdf", "html", "ofd"]), help="input format (default: detect)")
@click.option("--excel", is_flag=True, help="start with a UTF-8 byte-order mark, so that Excel shows the Chinese right")
@click.option("--raw", is_flag=True, help="keep cells that start with = + - @ as they are (default: prefixed with ' so no spreadsheet runs them)")
@_settings_options
def tasks(file: Path | None, out: Path | None, fmt: str | None, excel: bool, raw: bool, settings_file: Path | None,
          segmenter: str | None) -> None:
    """One CSV row per (task, unit, role) of FILE (default: the bundled seed), with its source and doc_key."""
    from .serialize.records import tasks_to_csv

    doc = _parse_file(file, fmt, _settings(settings_file, segmenter))
    _write(tasks_to_csv(doc, excel=excel, raw=raw).rstrip("\n"), out)


@main.command()
@click.argument("archive", nargs=-1, required=True)
@click.option("-o", "--output", "out_arg", default=None,
              help="the JSONL file to write (one record per input): a path or a URL (s3://bucket/out.jsonl)")
@click.option("--workers", type=int, default=None, help="worker processes (default: the cores available, at most one "
              "per 1.5 GiB of available memory; 0: parse in this process)")
@click.option("--resume", is_flag=True, help="continue an interrupted batch into the same output")
@click.option("--timeout", type=float, default=None, help="seconds one document may take (default: the budget "
              "max_seconds, 60; inf: none)")
@click.option("--follow-links", is_flag=True, help="read symbolic links whose target is outside the input folder")
@click.option("--parquet", "parquet_dir", type=click.Path(path_type=Path), default=None,
              help="with -o: also write the records as Parquet tables (documents, tasks, cells, repeals, errors, "
                   "history edges) into this empty folder, partitioned by year")
@click.option("--progress/--no-progress", default=True, help="progress bar on stderr")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", default=None, help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (engine dask)")
@click.option("--connect-timeout", type=float, default=None,
              help="seconds to wait for the Dask scheduler before exit 2 (default 10)")
@click.option("--record-worker", is_flag=True, help="engine dask: each record names the worker that parsed it")
@click.option("--store", "store_url", default=None, help="write the documents into a store (SQLite path or postgresql:// URL)")
@click.option("-r/-R", "--recursive/--no-recursive", default=True, show_default=True,
              help="search the subfolders of a folder too (-R: its own files only)")
@click.option("--prune", is_flag=True, help="with --store: remove stored documents whose files are gone")
@_settings_options
def batch(archive: tuple[str, ...], out_arg: str | None, workers: int | None, resume: bool, timeout: float | None,
          progress: bool, engine: str, scheduler: str | None, store_url: str | None, recursive: bool, prune: bool,
          follow_links: bool, parquet_dir: Path | None, connect_timeout: float | None, record_worker: bool,
          settings_file: Path | None, segmenter: str | None) -> None:
    """Parse ARCHIVE (folders, globs, .zip files, files or URLs such as s3://bucket/archive/) into one JSON
    line per input (-o), a store (--store), or both."""
    from .batch import default_workers
    from .serialize import dumps
    from .storage import is_url

    workers = default_workers() if workers is None else workers
    out: Any = None if out_arg is None else (out_arg if is_url(out_arg) else Path(out_arg))
    settings = _settings(settings_file, segmenter)
    try:
        if isinstance(out, str) and (store_url or parquet_dir is not None):
            raise UsageError("--store and --parquet read the batch output from disk: give -o a local path")
        if out is None and store_url is None:
            raise UsageError("say where the documents go: -o OUT.jsonl, --store URL, or both")
        if parquet_dir is not None and out is None:
            raise UsageError("--parquet is written from the batch output: give -o OUT.jsonl too")
        if prune and store_url is None:
            raise UsageError("--prune goes with --store")
        if out is None and (resume or engine != "local"):
            raise UsageError("--resume and --engine dask write a batch output: give -o OUT.jsonl")
        if out is None:
            from .store import cli_batch_to_store

            summary = cli_batch_to_store(list(archive), store_url, workers=workers, timeout=timeout,  # type: ignore[arg-type]
                                         progress=progress, recursive=recursive, prune=prune, settings=settings)
            failed = summary["failed"]
        else:
            from .batch import run_batch

            summary = run_batch(list(archive), out, workers=workers, resume=resume, progress=progress, timeout=timeout,
                                engine=engine, scheduler=scheduler, recursive=recursive, follow_links=follow_links,
                                record_worker=record_worker, connect_timeout=connect_timeout, settings=settings)
            failed = summary["failed"]
            if store_url:
                from .store import Store

                with Store.open(store_url) as store:
                    if prune:
                        summary["pruned"] = store.prune()
                    summary["store"] = store.load_records(out)
            if parquet_dir is not None:
                summary["parquet"] = _write_parquet(out, parquet_dir)
    except PolicyParseError as exc:
        _fail(exc)
        return
    click.echo(dumps(summary), err=True)
    if failed:
        sys.exit(3)


@main.command()
@click.argument("archive", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["json", "graphml", "mermaid"]), default="json", show_default=True)
@click.option("--workers", type=int, default=None, help="worker processes (default: the cores available; 0: none)")
@click.option("--timeout", type=float, default=None)
@click.option("--progress/--no-progress", default=False)
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), help="write here instead of stdout")
@click.option("-r/-R", "--recursive/--no-recursive", default=True, show_default=True,
              help="search the subfolders of a folder too (-R: its own files only)")
@click.option("--only", type=click.Choice(["repeals", "cites"]), default=None, help="draw/export only this relation (repeals include partial suspensions)")
@click.option("--issuer", default=None, metavar="ORGAN", help="only the documents ORGAN issued and what they point at")
@click.option("--store", "store_url", default=None, help="answer from a store instead of parsing ARCHIVE")
@click.option("--in-force", "in_force_on", default=None, metavar="DATE", help="with --store: the documents in force on DATE (JSON)")
@click.option("--doc", default=None, metavar="KEY", help="with --store --in-force: only this document (key, 发文字号 or title)")
@click.option("--chain", "chain_of", default=None, metavar="KEY",
              help="the repeal chain of KEY (key, 发文字号 or title): with --store the JSON answer, else the drawing/export of it")
@click.option("--led-by", "led_by", default=None, metavar="UNIT", help="with --store: the tasks UNIT leads")
@click.option("--unrepealed", is_flag=True, help="with --store: the documents no stored document repeals")
@_settings_options
def history(archive: tuple[str, ...], fmt: str, workers: int | None, timeout: float | None, progress: bool, out: Path | None,
            recursive: bool, only: str | None, issuer: str | None, store_url: str | None, in_force_on: str | None,
            doc: str | None, chain_of: str | None, led_by: str | None, unrepealed: bool, settings_file: Path | None,
            segmenter: str | None) -> None:
    """The supersession history of ARCHIVE: which documents repeal, suspend or cite which."""
    try:
        if store_url:
            from .store import cli_history_from_store

            _existing_store(store_url)
            text = cli_history_from_store(store_url, fmt, in_force_on=in_force_on, doc=doc, chain_of=chain_of,
                                          led_by=led_by, unrepealed_only=unrepealed, only=only, issuer=issuer)
        else:
            if not archive:
                raise UsageError("give an ARCHIVE or --store")
            if in_force_on or doc or led_by or unrepealed:
                raise UsageError("--in-force, --doc, --led-by and --unrepealed answer from a store: add --store URL")
            from .batch import default_workers, parse_many
            from .history import history_from_records, render

            workers = default_workers() if workers is None else workers
            records = parse_many(list(archive), workers=workers, timeout=timeout, progress=progress, recursive=recursive,
                                 settings=_settings(settings_file, segmenter))
            text = render(history_from_records(records), fmt, only=only, chain=chain_of, issuer=issuer)  # type: ignore[arg-type]
    except PolicyParseError as exc:
        _fail(exc)
        return
    _write(text.rstrip("\n"), out)


def _existing_store(url: str) -> None:
    """Read-only store commands never create a database: a SQLite path that is not a file is a UsageError."""
    from .errors import UsageError

    if "://" in url and not url.startswith("sqlite:"):
        return  # a server database: the store reports a missing one itself
    name = url[len("sqlite:///"):] if url.startswith("sqlite:///") else url
    if name in ("", ":memory:") or url.startswith("sqlite:") and not url.startswith("sqlite:///"):
        return
    if not Path(name).is_file():
        raise UsageError("no such store database (read-only commands never create one)", path=url)


@main.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path), help="the HTML page to write")
@click.option("--format", "fmt", type=click.Choice(["txt", "docx", "pdf", "html", "ofd"]), help="input format (default: detect)")
@_settings_options
def report(file: Path | None, out: Path, fmt: str | None, settings_file: Path | None, segmenter: str | None) -> None:
    """Write a self-contained HTML page of FILE (default: the bundled seed) for people who would rather look."""
    from .report import render_report

    doc = _parse_file(file, fmt, _settings(settings_file, segmenter))
    _write(render_report(doc).rstrip("\n"), out)


@main.command(name="diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "md", "html"]), default="json", show_default=True)
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), help="write here instead of stdout")
@_settings_options
def diff_(old: Path, new: Path, fmt: str, out: Path | None, settings_file: Path | None, segmenter: str | None) -> None:
    """What changed from OLD to NEW: articles, outline items and tasks aligned, text edits, envelope facts."""
    from .diff import diff_documents, document_to_units
    from .diff.render import render

    settings = _settings(settings_file, segmenter)
    a, b = _parse_file(old, None, settings), _parse_file(new, None, settings)
    d = diff_documents(a, b)
    _write(render(d, document_to_units(a, articles=d.unit_kind == "article"), fmt).rstrip("\n"), out)


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path), help="folder the gold files' paths are relative to (default: GOLD_DIR/../..)")
@click.option("--min-f1", "min_f1", multiple=True, metavar="FAMILY=F1", help="fail (exit 4) when FAMILY scores under F1; FAMILY may be 'all'")
@click.option("--mismatches/--no-mismatches", default=True, help="list every mismatch under the table")
@click.option("--json", "as_json", is_flag=True, help="print the report as JSON")
def eval_(gold_dir: Path, root: Path | None, min_f1: tuple[str, ...], mismatches: bool, as_json: bool) -> None:
    """Score the parser against gold facts: precision, recall and F1 per field family."""
    from .evaluate import evaluate
    from .serialize import dumps

    report = evaluate(gold_dir, root=root)
    if as_json:
        click.echo(dumps(report.to_dict()))
    else:
        click.echo(f"{report.documents} documents")
        click.echo(report.table())
        if mismatches:
            for m in report.mismatches:
                click.echo(f"  {m.file} [{m.family}] missing={m.missing} extra={m.extra}")
        for path, err in report.errors:
            click.echo(f"  error: {path}: {err}")
    failed = []
    for spec in min_f1:
        fam, _, val = spec.partition("=")
        try:
            threshold = float(val)
        except ValueError:
            raise click.BadParameter(f"{spec!r} is not FAMILY=F1", param_hint="--min-f1") from None
        fams = list(report.scores) if fam == "all" else [fam]
        for f in fams:
            if f not in report.scores:
                raise click.BadParameter(f"unknown family {f!r}", param_hint="--min-f1")
            if report.scores[f].f1 < threshold:
                failed.append(f"{f} F1 {report.scores[f].f1:.3f} < {threshold}")
    if report.errors:
        failed.append(f"{len(report.errors)} documents failed to parse")
    if failed:
        click.echo("policyparse: eval under threshold: " + "; ".join(failed), err=True)
        sys.exit(4)


@main.command()
@click.option("-o", "--output", "out", type=click.Path(path_type=Path))
def schema(out: Path | None) -> None:
    """Print the JSON Schema of the output."""
    from .serialize import schema_text

    _write(schema_text().rstrip("\n"), out)


def run() -> None:  # pragma: no cover - entry point
    main()
