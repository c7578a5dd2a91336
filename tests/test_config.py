from pathlib import Path

import pytest

from reports.config import load_settings
from reports.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "reports.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path: Path):
    settings = load_settings(cwd=tmp_path)
    assert settings.paths.inbox == tmp_path / "seeds"
    assert settings.paths.out == tmp_path / "out"
    assert settings.email.enabled is False


def test_relative_paths_are_relative_to_the_file(tmp_path: Path):
    (tmp_path / "conf").mkdir()
    path = write(tmp_path / "conf", '[paths]\ninbox = "in"\nout = "/abs/out"\n')
    settings = load_settings(path)
    assert settings.paths.inbox == tmp_path / "conf" / "in"
    assert settings.paths.out == Path("/abs/out")


@pytest.mark.parametrize(
    ("toml", "named"),
    [
        ('[paths]\ninbx = "x"\n', "paths.inbx"),
        ("[nonsense]\n", "[nonsense]"),
        ('[schedule]\nscan_minutes = "often"\n', "schedule.scan_minutes"),
        ('[schedule]\ntimezone = "Mars/Olympus"\n', "schedule.timezone"),
        ('[schedule]\ndigest_at = ["7am"]\n', "schedule.digest_at"),
        ('[email]\nsecurity = "tls"\n', "email.security"),
        ('[email]\nport = 0\n', "email.port"),
        ('[email]\nenabled = true\n', "email.recipients"),
        ('[email]\nrecipients = ["not-an-address"]\n', "email.recipients"),
        ("[analysis]\nsentences = 0\n", "analysis.sentences"),
        ("[analysis]\nlanguage = \"French\"\n", "analysis.language"),
        ('[paths]\ninbox = "unterminated\n', "not valid TOML"),
    ],
)
def test_bad_config_is_refused_naming_the_key(tmp_path: Path, toml: str, named: str):
    with pytest.raises(ConfigError, match=named.replace("[", r"\[").replace("]", r"\]")):
        load_settings(write(tmp_path, toml))


def test_password_comes_from_the_named_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    settings = load_settings(write(tmp_path, '[email]\npassword_env = "MY_SMTP_PW"\n'))
    monkeypatch.setenv("MY_SMTP_PW", "s3cret")
    assert settings.smtp_password() == "s3cret"


def test_page_size_in_any_case(tmp_path: Path):
    settings = load_settings(write(tmp_path, '[render]\npage_size = "letter"\n'))
    assert settings.render.page_size == "Letter"


def test_unknown_section_lists_every_section_with_feeds(tmp_path: Path):
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, '[feed]\nurl = "https://example.org/rss"\n'))
    for section in ("paths", "schedule", "email", "analysis", "render", "fetch", "cluster", "feeds"):
        assert section in str(caught.value)


def test_analysis_language_is_auto_by_default_and_takes_a_code(tmp_path: Path):
    assert load_settings(cwd=tmp_path).analysis.language == "auto"
    assert load_settings(write(tmp_path, "[analysis]\nlanguage = \"fr\"\n")).analysis.language == "fr"
