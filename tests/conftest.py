"""Fixtures: a fresh goal file per test, built from the built-in template."""

import os
import shutil

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The GUI tests' fixtures (stubbed message boxes, a window on a fresh file), registered once for all.
pytest_plugins = ["ui_support", "cycle_ui_support"]


@pytest.fixture(autouse=True, scope="session")
def _private_data_dir(tmp_path_factory):
    """Keep the example file and settings out of the real home folder."""
    os.environ["STYRKORT_DATA"] = str(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="session")
def example_template():
    from db.template import load_template
    from desktop.paths import EXAMPLE_TEMPLATE, resource_path

    return load_template(resource_path(EXAMPLE_TEMPLATE))


@pytest.fixture(scope="session")
def _example_master(tmp_path_factory, example_template):
    from db.new_file import create_from_template

    path = tmp_path_factory.mktemp("master") / "central.sqlite"
    create_from_template(path, example_template).close()
    return path


@pytest.fixture
def example_path(tmp_path, _example_master):
    """A fresh central file of the built-in example, private to the test."""
    path = tmp_path / "central.sqlite"
    shutil.copyfile(_example_master, path)
    return path


@pytest.fixture
def goal_file(example_path):
    from db.goalfile import GoalFile

    with GoalFile.open(example_path, user="testare") as gf:
        yield gf
