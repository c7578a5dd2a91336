"""The CLI surface: analyze output shape, init, and a fast --help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import SEED

ANALYZE_FIELDS = {"id", "source", "title", "date", "summary", "keyphrases", "readability", "quotes"}
QUOTE_FIELDS = {"quote", "speaker", "kind", "anonymous", "start", "end"}
STATS_FIELDS = {"count", "quoted_words_share", "speakers", "named_share", "anonymous_share"}


def test_analyze_seed_json(cli):
    result = cli("analyze", str(SEED), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert ANALYZE_FIELDS <= set(data)
    assert data["date"] == "2022-02-07"
    assert data["summary"][0].startswith("French President Emmanuel Macron flies to Moscow today")
    assert all("Photo" not in s and "shakes hands" not in s for s in data["summary"])
    assert isinstance(data["readability"]["text_standard"], str)
    assert isinstance(data["readability"]["words"], int)
    for item in data["quotes"]["items"]:
        assert QUOTE_FIELDS <= set(item) and item["kind"] in {"full", "partial", "scare"}
    assert STATS_FIELDS <= set(data["quotes"]["stats"])


def test_analyze_jsonl_keeps_ids_and_sentences_flag(cli, tmp_path: Path):
    batch = tmp_path / "batch.jsonl"
    text = " ".join(f"Sentence number {i} is about the harbour." for i in range(10))
    batch.write_text(json.dumps({"id": "x-1", "text": text}) + "\n" + json.dumps({"id": "x-2", "text": text}) + "\n")
    result = cli("analyze", str(batch), "--format", "jsonl", "--sentences", "2")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["x-1", "x-2"]
    assert all(len(line["summary"]) == 2 for line in lines)
    listed = json.loads(cli("analyze", str(batch), "--format", "json").stdout)
    assert isinstance(listed, list) and len(listed) == 2


def test_analyze_text_format_and_failure(cli, tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = cli("analyze", str(SEED), str(bad), "--format", "text")
    assert result.exit_code == 1
    assert "Summary:" in result.stdout and "failed:" in result.stderr and "empty file" in result.stderr


def test_an_empty_text_names_its_file_once(cli, project: Path):
    (project / "empty.json").write_text('{"id": "a", "text": ""}')
    assert cli("analyze", "empty.json").stderr == 'failed: empty.json: missing or empty "text"\n'
    (project / "seeds" / "lines.jsonl").write_text('{"id": "b", "text": ""}\n')
    failed = [line for line in cli("run", "--workers", "1").stderr.splitlines() if line.startswith("failed:")]
    assert failed == ['failed: seeds/lines.jsonl:1: missing or empty "text"']
    assert 'failed: seeds/lines.jsonl:1: missing or empty "text"' in cli("status").stdout


def test_analyze_prints_an_error_object_for_a_failed_article_and_goes_on(cli, tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    for fmt in ("json", "jsonl"):
        result = cli("analyze", str(bad), str(SEED), "--format", fmt)
        assert result.exit_code == 1
        objects = json.loads(result.stdout) if fmt == "json" else [json.loads(line) for line in result.stdout.splitlines()]
        assert [o.get("error") is not None for o in objects] == [True, False]
        assert objects[0]["id"] == "bad" and objects[0]["source"] == str(bad) and "empty file" in objects[0]["error"]
        assert objects[1]["summary"]  # the article after the failure is still analysed


def _stories(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"story{n:02}.txt").write_text(
            f"Story {n} is about the harbour. The council met on day {n} and said \"we will act\".\n")
    return folder


def test_analyze_on_two_workers_prints_what_one_prints_in_the_same_order(cli, tmp_path: Path):
    folder = _stories(tmp_path / "inbox", 9)
    (folder / "story04.txt").write_bytes(b"")  # a failure in the middle keeps its place
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps({"id": f"j-{n}", "text": f"Line {n} of the batch. It is short."}) + "\n"
                             for n in range(5)))
    outputs = {}
    for workers in ("1", "2"):
        result = cli("analyze", str(folder), str(batch), "--format", "jsonl", "--workers", workers)
        assert result.exit_code == 1 and result.stderr.count("failed:") == 1
        outputs[workers] = result.stdout
    assert outputs["1"] == outputs["2"]
    ids = [json.loads(line)["id"] for line in outputs["2"].splitlines()]
    assert ids == [f"story{n:02}" for n in range(9)] + [f"j-{n}" for n in range(5)]
    assert "empty file" in json.loads(outputs["2"].splitlines()[4])["error"]


def _analyze_or_die(article, sentences=3, configured_language=None):
    """`analyze`, except that an article saying so kills its worker process outright, as a
    crash in a C library or the kernel's OOM killer would."""
    import os

    from reports.analysis import analyze

    if "KILLS ITS WORKER" in article.text:
        os._exit(1)
    return analyze(article, sentences=sentences, configured_language=configured_language)


def test_an_article_that_kills_its_analyze_worker_fails_alone(cli, tmp_path: Path, monkeypatch):
    from reports.analysis import batch

    monkeypatch.setattr(batch, "analyze", _analyze_or_die)  # forked workers inherit it
    folder = _stories(tmp_path / "inbox", 6)
    (folder / "story02.txt").write_text("This story KILLS ITS WORKER when it is read. It has two sentences.\n")
    result = cli("analyze", str(folder), "--format", "jsonl", "--workers", "2")
    assert result.exit_code == 1
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in objects] == [f"story{n:02}" for n in range(6)]
    assert [o.get("error") is not None for o in objects] == [False, False, True, False, False, False]
    assert "worker process died" in objects[2]["error"] and result.stderr.count("failed:") == 1


def test_init_scaffolds_a_working_folder(cli, tmp_path: Path):
    target = tmp_path / "desk"
    result = cli("init", str(target))
    assert result.exit_code == 0
    assert (target / "reports.toml").is_file() and (target / "inbox").is_dir()
    assert (target / "templates" / "briefing.html").is_file() and (target / "templates" / "briefing.css").is_file()
    from reports.config import load_settings

    settings = load_settings(target / "reports.toml")  # the scaffolded config is valid
    assert settings.paths.inbox == target / "inbox"
    (target / "templates" / "briefing.css").write_text("/* mine */")
    cli("init", str(target))
    assert (target / "templates" / "briefing.css").read_text() == "/* mine */"  # never overwritten


def test_init_says_what_to_do_next_and_lists_every_input_format(cli, tmp_path: Path):
    from reports.ingest import READERS

    target = tmp_path / "desk"
    result = cli("init", str(target))
    assert "next steps:" in result.stdout and "reports doctor" in result.stdout and "reports run" in result.stdout
    config = (target / "reports.toml").read_text()
    inbox_comment = config.split("[paths]")[1].split("inbox =")[0]
    assert all(suffix in inbox_comment for suffix in READERS)


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys\n"
        "from reports.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('weasyprint', 'textstat', 'nltk', 'jinja2') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")


def test_analyze_and_status_do_not_import_weasyprint(tmp_path: Path):
    code = (
        "import sys\n"
        "from reports.cli import main\n"
        "for args in (['analyze', sys.argv[1]], ['status', '--out', sys.argv[2]]):\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
        "print('weasyprint' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(SEED), str(tmp_path)], capture_output=True, text=True)
    assert result.stdout.strip().endswith("False"), result.stderr


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "reports"  # the venv's, whether or not it is on PATH
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and "version" in result.stdout


def test_status_says_why_a_run_was_refused_at_start(project: Path, cli):
    (project / "seeds").rename(project / "elsewhere")
    refused = cli("run", "--workers", "1")
    assert refused.exit_code == 2 and "paths.inbox" in refused.stderr
    assert "`reports init` makes one" in refused.stderr  # no reports.toml in this folder
    last = next(line for line in cli("status").stdout.splitlines() if line.startswith("last run:"))
    assert "refused: paths.inbox" in last and "killed" not in last and "running" not in last
    (project / "elsewhere").rename(project / "seeds")
    (project / "templates").mkdir()
    (project / "templates" / "briefing.html").write_text("{% if %}\n")
    (project / "reports.toml").write_text('[paths]\ninbox = "seeds"\n')
    refused = cli("run", "--workers", "1")
    assert refused.exit_code == 2 and "reports init" not in refused.stderr  # a config exists
    assert "briefing.html" in json.loads(cli("status", "--json").stdout)["last_run"]["refused"]
