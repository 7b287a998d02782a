from click.testing import CliRunner

from qa.cli import main


def test_indexing_an_empty_folder_fails_with_one_line(tmp_path):
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["index", str(tmp_path / "empty"), "--index", str(tmp_path / "i")])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: no readable articles")
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "i" / "manifest.json").exists()


def test_missing_folder_and_missing_index_fail_cleanly(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["index", str(tmp_path / "nope"), "--index", str(tmp_path / "i")])
    assert result.exit_code == 1 and "no such file or folder" in result.output
    result = runner.invoke(main, ["ask", "who?", "--index", str(tmp_path / "i")])
    assert result.exit_code == 1 and "no index at" in result.output
    assert "Traceback" not in result.output


def test_bad_setting_from_the_environment_is_reported(tmp_path):
    result = CliRunner().invoke(main, ["ask", "who?"], env={"QA_TOP_K": "many"})
    assert result.exit_code == 1 and "QA_TOP_K='many'" in result.output


def test_settings_lists_every_variable():
    result = CliRunner().invoke(main, ["settings"])
    assert result.exit_code == 0 and "QA_MODEL=all-MiniLM-L6-v2" in result.output and "QA_INDEX" in result.output
