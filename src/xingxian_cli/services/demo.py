"""Find or make the sample data that ``xx demo`` runs on."""

from __future__ import annotations

from pathlib import Path

SAMPLE_DIR_NAME = "sample_data"
DEMO_QUARTERS = ("2022Q3", "2022Q4")


def locate_sample(start: Path | None = None) -> Path | None:
    """``sample_data`` in the current folder or a parent, holding both demo quarters."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        cand = folder / SAMPLE_DIR_NAME
        if sample_ready(cand):
            return cand
    return None


def sample_ready(folder: Path) -> bool:
    """Whether ``folder`` holds both demo quarters' workbooks (review R145: empty folders made
    half a demo)."""
    # the files import takes (no Excel lock file: R146)
    from xingxian_cli.services.importing import to_read

    return all((folder / q).is_dir() and any(to_read(p) for p in (folder / q).iterdir()) for q in DEMO_QUARTERS)


def make_sample(target: Path) -> Path:
    """Generate the sample county into ``target`` (for installs without the repository)."""
    from xingxian_cli.sample.generator import generate_sample_data

    generate_sample_data(target)
    return target
