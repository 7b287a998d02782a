import pytest

from qa.config import Settings
from qa.store import backend


def test_an_empty_variable_turns_off_what_may_be_empty_and_leaves_the_rest_at_their_defaults():
    settings = Settings.from_env({"QA_RATE_LIMIT": "", "QA_TOP_K": "", "QA_MODEL": ""})
    assert settings.rate_limit == "" and settings.top_k == 5 and settings.model == Settings().model


def test_the_store_must_be_a_postgresql_url_and_its_password_is_never_shown():
    with pytest.raises(ValueError, match="not a postgresql:// URL"):
        Settings.from_env({"QA_STORE": "mysql://db/news"})
    settings = Settings.from_env({"QA_STORE": "postgresql://qa:s3cret@db:5432/news"})
    assert backend(settings).location == "postgresql://qa:***@db:5432/news"
    assert backend(Settings.from_env({}, index="index/x")).location == "index/x"
