"""A long property-based fuzzing campaign over policyparse.parse, run outside CI.

It drives the same strategies and the same property as tests/reliability/test_properties.py
(tests/conftest_hypothesis.py: generated 公文, mutated corpus texts, HTML pages, .docx/.ofd
packages, a PDF, random bytes) with the ``campaign`` hypothesis profile, counts the inputs
tried per target and records every distinct failure hypothesis reports (``report_multiple_bugs``),
shrunk to a minimal example.

Usage, from the project root::

    .venv/bin/python fuzz/campaign.py                       # every target, default budgets
    .venv/bin/python fuzz/campaign.py --targets corpus html --examples 5000 --seed 7
    .venv/bin/python fuzz/campaign.py --json fuzz/last_run.json

The property (see :func:`conftest_hypothesis.check_parse_contract`): ``parse`` returns a
PolicyDocument or raises a PolicyParseError that names the input, within the time budget, with
every span inside the text, and parses the same input to identical JSON twice.
Exit status 0 when no target failed, 1 otherwise. Results go to stdout as a Markdown table
(paste it into fuzz/RESULTS.md) and, with ``--json``, to a file.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

#: examples per target when --examples is not given (slow targets get fewer)
DEFAULT_EXAMPLES = {"generated": 20_000, "corpus": 20_000, "html": 5_000, "package": 3_000, "pdf": 1_000,
                    "binary": 20_000, "bombs": 1_000}  # fmt: skip
#: address space the campaign process may use (RLIMIT_AS): a bomb that gets past the readers'
#: budgets fails with MemoryError (reported as a failure) instead of exhausting the machine
MAX_MEMORY = 1536 * 1024 * 1024


@dataclass
class Failure:
    error: str
    message: str
    example: str
    where: str


@dataclass
class TargetResult:
    target: str
    examples: int
    inputs_tried: int = 0
    seconds: float = 0.0
    outcomes: dict[str, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)


def _failures(exc: BaseException) -> list[Failure]:
    """One Failure per distinct bug in what hypothesis raised (an ExceptionGroup for several)."""
    if isinstance(exc, BaseExceptionGroup):
        return [f for e in exc.exceptions for f in _failures(e)]
    notes = [n for n in getattr(exc, "__notes__", []) if n.startswith(("Falsifying", "target=", "  target"))]
    frames = traceback.extract_tb(exc.__traceback__)
    inner = [f for f in frames if "policyparse" in f.filename] or frames
    where = f"{Path(inner[-1].filename).name}:{inner[-1].lineno} in {inner[-1].name}" if inner else "?"
    example = " ".join(getattr(exc, "__notes__", []))[:600] if not notes else " ".join(notes)[:600]
    return [Failure(error=type(exc).__name__, message=str(exc).splitlines()[0][:300] if str(exc) else "", example=example,
                    where=where)]  # fmt: skip


def run_target(name: str, examples: int, seed: int | None) -> TargetResult:
    from hypothesis import given, settings
    from hypothesis import seed as hseed

    from policyparse.errors import PolicyParseError

    from conftest_hypothesis import TARGETS, TIME_BUDGET, TIME_BUDGETS, check_parse_contract

    strategy, _ = TARGETS[name]
    result = TargetResult(target=name, examples=examples)

    @settings(settings.get_profile("campaign"), max_examples=examples, report_multiple_bugs=True)
    @given(strategy)
    def prop(case: tuple[object, str | None]) -> None:
        source, path = case
        result.inputs_tried += 1
        outcome = check_parse_contract(source, path=path, time_budget=TIME_BUDGETS.get(name, TIME_BUDGET))
        key = type(outcome).__name__ if isinstance(outcome, PolicyParseError) else "PolicyDocument"
        result.outcomes[key] = result.outcomes.get(key, 0) + 1

    if seed is not None:
        prop = hseed(seed)(prop)
    t0 = time.perf_counter()
    try:
        prop()
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        result.failures = _failures(exc)
    result.seconds = round(time.perf_counter() - t0, 1)
    result.outcomes = dict(sorted(result.outcomes.items()))
    return result


def markdown(results: list[TargetResult], seed: int | None) -> str:
    today = _dt.date.today().isoformat()
    lines = [f"### Run of {today} (seed {seed if seed is not None else 'random'})", "",
             "| target | max examples | inputs tried | seconds | failures | outcomes |", "| --- | --- | --- | --- | --- | --- |"]  # fmt: skip
    for r in results:
        outcomes = ", ".join(f"{k} {v}" for k, v in r.outcomes.items())
        lines.append(f"| {r.target} | {r.examples} | {r.inputs_tried} | {r.seconds} | {len(r.failures)} | {outcomes} |")
    for r in results:
        for f in r.failures:
            lines += ["", f"- **{r.target}**: `{f.error}` at `{f.where}`: {f.message}", f"  - {f.example}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from conftest_hypothesis import TARGETS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--targets", nargs="*", default=list(TARGETS), choices=list(TARGETS))
    parser.add_argument("--examples", type=int, default=None, help="examples per target (default: per-target budgets)")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed, for a reproducible run")
    parser.add_argument("--json", type=Path, default=None, help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MAX_MEMORY, resource.getrlimit(resource.RLIMIT_AS)[1]))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not POSIX, or a lower hard limit
        pass
    results = []
    for name in args.targets:
        n = args.examples or DEFAULT_EXAMPLES[name]
        print(f"[campaign] {name}: up to {n} examples …", file=sys.stderr, flush=True)
        r = run_target(name, n, args.seed)
        print(f"[campaign] {name}: {r.inputs_tried} inputs, {len(r.failures)} failure(s), {r.seconds} s",
              file=sys.stderr, flush=True)  # fmt: skip
        results.append(r)
    print(markdown(results, args.seed))
    if args.json is not None:
        payload = {"date": _dt.date.today().isoformat(), "seed": args.seed, "results": [asdict(r) for r in results]}
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 1 if any(r.failures for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
