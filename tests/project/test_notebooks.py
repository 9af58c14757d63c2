"""The notebooks under notebooks/ run top to bottom on the bundled corpus and save their figures.

Each notebook is executed with nbclient in a ``python3`` kernel of this interpreter (ipykernel maps
``python`` to ``sys.executable``), with its working directory in ``notebooks/``, and with
``POLICYPARSE_FIGURES`` pointing at a temporary folder so that the committed figures stay as they
are. ``POLICYPARSE_UPDATE_NOTEBOOKS=1`` instead writes the executed notebooks (with their outputs)
and their figures back into notebooks/: the one way to regenerate what is committed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT

nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed (pip install nbformat)")
nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed (pip install nbclient)")
pytest.importorskip("ipykernel", reason="ipykernel is not installed (pip install ipykernel)")
pytest.importorskip("matplotlib", reason="matplotlib is not installed (pip install matplotlib)")
pytest.importorskip("pandas", reason="pandas is not installed (pip install pandas)")

NOTEBOOKS = ROOT / "notebooks"
FIGURES = NOTEBOOKS / "figures"
CELL_TIMEOUT = 120
UPDATE = os.environ.get("POLICYPARSE_UPDATE_NOTEBOOKS") == "1"

EXPECTED = {
    "01_seed_explored.ipynb": ("01_lead_matrix.png", "01_annex2_leaders.png"),
    "02_archive_explored.ipynb": ("02_supersession.png", "02_in_force_timeline.png"),
    "03_editions_diff.ipynb": ("03_edition_timeline.png",),
}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _execute(name: str, figures: Path, monkeypatch: pytest.MonkeyPatch):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    monkeypatch.setenv("POLICYPARSE_FIGURES", str(figures))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    client = nbclient.NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3", record_timing=False,
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    return nb


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_notebook_runs_top_to_bottom_and_saves_its_figures(name, tmp_path, monkeypatch):
    figures = FIGURES if UPDATE else tmp_path / "figures"
    nb = _execute(name, figures, monkeypatch)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    for fig in EXPECTED[name]:
        data = (figures / fig).read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 10_000, fig
    shown = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})]
    assert len(shown) == len(EXPECTED[name])
    if UPDATE:
        nbformat.write(nb, NOTEBOOKS / name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_notebook_is_committed_with_its_outputs_and_figures(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.execution_count is not None for c in code), "run the notebook before committing it"
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), "run it top to bottom, once"
    assert all(c.outputs for c in code[-3:]), "the last cells have no outputs"
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    for fig in EXPECTED[name]:
        assert (FIGURES / fig).read_bytes().startswith(PNG_MAGIC), f"notebooks/figures/{fig} is not committed"
