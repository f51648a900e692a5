"""Every notebook of the course, in both editions, runs top to bottom without an unintended error.

The notebooks are found in notebooks/ (and their twins in notebooks/zh/): a new notebook is
checked here by itself, before any test of its own results exists. The other notebook modules
(test_notebooks_threads.py, _processes.py, _beyond.py) check the key results cell by cell; all
of them share one execution of each notebook per session (conftest.executed_notebook).
"""
import pytest

from conftest import NOTEBOOK_KERNEL, SECONDS, cell_seconds, course_notebooks, executed_notebook, executed_so_far

# Cells whose stderr is part of the lesson (an uncaught exception in a thread or a child
# process, shown on purpose).
STDERR_ALLOWED = {"s20-leak", "s13-error", "s15-pitfall"}


def unintended_errors(nb):
    """Error outputs, and stderr outside the cells that show it on purpose."""
    problems = []
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        tags = c.get("metadata", {}).get("tags", [])
        where = tags or c.source[:60]
        if c.get("execution_count") is None:
            problems.append(f"cell {where} did not run")
        for o in c.get("outputs", []):
            if o.get("output_type") == "error":
                problems.append(f"error in cell {where}: {o.get('ename')}: {o.get('evalue')}")
            if o.get("output_type") == "stream" and o.get("name") == "stderr" and not set(tags) & STDERR_ALLOWED:
                problems.append(f"stderr in cell {where}: {o.get('text')[:500]}")
    return problems


@pytest.mark.parametrize("name", course_notebooks())
def test_notebook_runs_top_to_bottom_without_unintended_errors(name, edition):
    nb = executed_notebook(name, edition)
    assert nb.metadata["kernelspec"]["name"] == "jconc"
    problems = unintended_errors(nb)
    assert not problems, "\n".join(problems)


def test_run_times_are_reported():
    """Reported, not asserted (timing belongs to bench/)."""
    runs = {key: nb for key, nb in executed_so_far().items() if key[2] == NOTEBOOK_KERNEL}
    for edition in sorted({key[1] for key in runs}):
        mine = {key[0]: nb for key, nb in runs.items() if key[1] == edition}
        wall = sum(SECONDS[name, edition, NOTEBOOK_KERNEL] for name in mine)
        cells = {name: cell_seconds(nb) for name, nb in sorted(mine.items())}
        print(f"notebooks ({edition}) on {NOTEBOOK_KERNEL}: {wall:.1f} s with {len(mine)} kernel"
              f" starts, {sum(cells.values()):.1f} s in cells: "
              + ", ".join(f"{n[:2]} {s:.1f}" for n, s in cells.items()))
