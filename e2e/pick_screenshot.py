"""Copies the JupyterLab 4 screenshot that shows the course best to the given path.

    /usr/bin/python3 e2e/pick_screenshot.py docs/screenshot.png [PREFERRED_NOTEBOOK_STEM]

The preferred notebook's screenshot if its run passed; else a course notebook (notebooks/) with
the most SVG pictures (timelines); else any notebook's screenshot with a picture.
"""
import json
import shutil
import sys
from pathlib import Path

from harness import ARTIFACTS


def svg_count(report):
    return sum(c["mimeTypes"].count("image/svg+xml") for c in report.get("cells", []))


PREFIX = "lab4"  # the JupyterLab 4 runs of tests/test_e2e_lab.py


def main(target, preferred=None):
    candidates = []
    for report_file in sorted(ARTIFACTS.glob(f"{PREFIX}-*.json")):
        report = json.loads(report_file.read_text())
        shot = ARTIFACTS / f"{report_file.stem}.png"
        if report.get("failure") or not shot.exists():
            continue
        from_course = report.get("notebook", "").startswith("notebooks/")
        is_preferred = report_file.stem == f"{PREFIX}-{preferred}"
        candidates.append(((is_preferred, from_course, svg_count(report)), shot))
    if not candidates:
        sys.exit("no screenshot of a passing JupyterLab 4 run in " + str(ARTIFACTS))
    best = max(candidates, key=lambda c: c[0])[1]
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(best, target)
    print(f"screenshot: {best} -> {target}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
