"""`python main.py rapport …`: exit codes and Swedish messages."""

import pypdf
import pytest

from desktop.cli import run


def test_rapport_writes_the_pdf_and_says_where(example_path, tmp_path, capsys):
    out = tmp_path / "rapport.pdf"
    code = run(["rapport", "--fil", str(example_path), "--nämnd", "RUN", "--utskriven", "2022-10-07", "--ut", str(out)])
    printed = capsys.readouterr().out
    pages = len(pypdf.PdfReader(out).pages)
    assert code == 0
    assert f"Skrev {out} ({pages} sidor)" in printed
    assert "Utskriven: 2022-10-07" in pypdf.PdfReader(out).pages[-1].extract_text()


def test_rapport_without_fil_uses_the_builtin_example(tmp_path, capsys):
    out = tmp_path / "exempel.pdf"
    assert run(["rapport", "--perspektiv", "Medarbetare", "--ut", str(out)]) == 0
    assert "exempel-norrbotten-2022.styrkort" in capsys.readouterr().out
    assert "Hållbar kompetensförsörjning" in "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--nämnd", "XX"], "Styrelsen/nämnden 'XX' finns inte i filen. Välj bland: RS, RUN, PN."),
        (["--period", "2031"], "Perioden '2031' finns inte."),
        (["--perspektiv", "Rymden"], "Perspektivet 'Rymden' finns inte"),
    ],
)
def test_rapport_refuses_unknown_choices(example_path, tmp_path, capsys, options, message):
    out = tmp_path / "x.pdf"
    assert run(["rapport", "--fil", str(example_path), *options, "--ut", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_rapport_on_a_missing_file(tmp_path, capsys):
    assert run(["rapport", "--fil", str(tmp_path / "saknas.sqlite"), "--ut", str(tmp_path / "x.pdf")]) == 2
    assert "finns inte" in capsys.readouterr().err


def test_rapport_into_a_missing_folder(example_path, tmp_path, capsys):
    assert run(["rapport", "--fil", str(example_path), "--ut", str(tmp_path / "nej" / "x.pdf")]) == 2
    assert "Mappen" in capsys.readouterr().err


def test_rapport_with_a_bad_date(example_path, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run(["rapport", "--fil", str(example_path), "--utskriven", "igår", "--ut", str(tmp_path / "x.pdf")])
    assert exit_info.value.code == 2
    assert "inget datum på formen ÅÅÅÅ-MM-DD" in capsys.readouterr().err


def test_rapport_refuses_a_file_name_of_the_other_format(example_path, tmp_path, capsys):
    out = tmp_path / "rapport.pdf"
    assert run(["rapport", "--fil", str(example_path), "--format", "docx", "--ut", str(out)]) == 2
    assert "ange --format pdf" in capsys.readouterr().err
    assert not out.exists()
