"""The hearing settings from the environment: at least a day and one person, as on the admin page."""

import pytest

from ideashub.config import ConfigError, load_config


@pytest.mark.parametrize("name", ["HEARING_DAYS", "HEARING_MIN_RESPONSES"])
def test_zero_in_the_environment_is_refused_at_start(tmp_path, name):
    with pytest.raises(ConfigError, match=f"{name} must be between 1 and"):
        load_config(str(tmp_path), {name: "0"})


def test_one_of_each_is_the_least_hearing_there_is(tmp_path):
    config = load_config(str(tmp_path), {"HEARING_DAYS": "1", "HEARING_MIN_RESPONSES": "1"})
    assert (config["HEARING_DAYS"], config["HEARING_MIN_RESPONSES"]) == (1, 1)
