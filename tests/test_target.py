"""Target files: credentials by environment variable name, clear errors, nothing secret kept in text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cancel_conformance.concurrency import DEFAULT_CONCURRENCY
from cancel_conformance.options import SuiteOptions
from cancel_conformance.target import ConfigError, load_target_file
from cancel_conformance.target_info import describe_target_file, target_apis

GOOD = """
name = "Acme sandbox"

[limits]
connect_timeout = 2
read_timeout = 7

[api."pos.v10"]
base_url = "https://pos.acme.example/"
merchant_vat = "DK12345678"

[api."pos.v10".integrator]
client_id_env = "ACME_ID"
client_secret_env = "ACME_SECRET"

[api."pos.v10".second_integrator]
client_id_env = "ACME2_ID"
client_secret_env = "ACME2_SECRET"
"""
ENV = {"ACME_ID": "id-1", "ACME_SECRET": "secret-1", "ACME2_ID": "id-2", "ACME2_SECRET": "secret-2"}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "target.toml"
    path.write_text(text, "utf-8")
    return path


def test_a_target_file_resolves_credentials_from_the_environment(tmp_path: Path) -> None:
    target = load_target_file(write(tmp_path, GOOD), ENV)
    pos = target.api("pos.v10")
    assert target.name == "Acme sandbox"
    assert pos.base_url == "https://pos.acme.example"
    assert pos.token_url == "https://pos.acme.example/integrator-authentication/connect/token"
    assert pos.integrator.client_id == "id-1"
    assert pos.integrator.client_secret == "secret-1"
    assert pos.second_integrator.merchant_vat == "DK12345678"
    assert target.limits.connect_timeout == 2
    assert target.limits.read_timeout == 7
    assert target.limits.concurrency == DEFAULT_CONCURRENCY
    assert load_target_file(write(tmp_path, GOOD.replace("read_timeout = 7", "concurrency = 3")),
                            ENV).limits.concurrency == 3
    assert target.secrets() == {"secret-1", "secret-2"}
    assert "secret-1" not in repr(target)


def test_a_missing_variable_is_named_without_any_value(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="environment variable ACME_SECRET is not set"):
        load_target_file(write(tmp_path, GOOD), {"ACME_ID": "id-1"})


def test_a_secret_written_into_the_file_is_refused(tmp_path: Path) -> None:
    text = GOOD.replace('client_secret_env = "ACME_SECRET"', 'client_secret_env = "ACME_SECRET"\nclient_secret = "x"')
    with pytest.raises(ConfigError, match="client_secret_env"):
        load_target_file(write(tmp_path, text), ENV)


@pytest.mark.parametrize(("text", "message"), [
    ("name = ", "not valid TOML"),
    ('[api."ecom.v9"]\nbase_url = "x"', "unknown API"),
    ('name = "x"', "no API configured"),
    ('[api."pos.v10"]\n[api."pos.v10".integrator]\nclient_id_env="A"\nclient_secret_env="B"', "base_url"),
])
def test_unusable_target_files_are_named_errors(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_target_file(write(tmp_path, text), ENV)


@pytest.mark.parametrize(("edit", "message"), [
    (("read_timeout = 7", "read_timeout = 0"), "read_timeout must be a positive number, not 0"),
    (("read_timeout = 7", "read_timeout = -1"), "read_timeout must be a positive number"),
    (("read_timeout = 7", "read_timeout = nan"), "read_timeout must be a positive number"),
    (("read_timeout = 7", "read_timeout = 1e309"), "read_timeout must be a positive number, not inf"),
    (("read_timeout = 7", "read_timeout = 5e9"), "read_timeout must be at most 3600 s"),
    (("connect_timeout = 2", 'connect_timeout = "soon"'), "timeouts and sizes must be numbers"),
    (("read_timeout = 7", "read_timeout = 7\nconcurrency = 0"), "concurrency must be a whole number of 1 or more"),
    (("read_timeout = 7", "read_timeout = 7\nconcurrency = 2.5"), "concurrency must be a whole number"),
    (("read_timeout = 7", 'read_timeout = 7\nconcurrency = "8"'), "concurrency must be a whole number"),
    (("read_timeout = 7", "read_timeout = 7\nconcurrency = true"), "concurrency must be a whole number"),
    (("https://pos.acme.example/", "https://pos.acme.example:99999/"), "is not a usable URL"),
    (("https://pos.acme.example/", "ftp://pos.acme.example/"), "must be an http:// or https:// URL"),
    (('merchant_vat = "DK12345678"', 'merchant_vat = "DK12345678"\nhooks_url = "http://"'), "hooks_url"),
])
def test_limits_and_urls_a_run_could_not_use_are_usage_errors(tmp_path: Path, edit: tuple[str, str],
                                                             message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_target_file(write(tmp_path, GOOD.replace(*edit)), ENV)


def test_the_report_header_describes_a_target_without_credentials(tmp_path: Path) -> None:
    described = describe_target_file(write(tmp_path, GOOD))
    assert described == {"name": "Acme sandbox", "embedded": False,
                         "base_urls": {"pos.v10": "https://pos.acme.example/"}}


def test_the_apis_of_a_run_are_known_before_anything_starts(tmp_path: Path) -> None:
    options = SuiteOptions(write(tmp_path, GOOD), tmp_path, (), (), 1, 1)
    assert target_apis(options) == {"pos.v10"}
    embedded = SuiteOptions(None, tmp_path, ("pos.v10",), (), 1, 1)
    assert target_apis(embedded) == {"pos.v10"}


ECOM = """
name = "Acme eCom sandbox"

[api."ecom.v2"]
base_url = "https://ecom.acme.example/"

[api."ecom.v2".merchant]
client_id_env = "SHOP_ID"
client_secret_env = "SHOP_SECRET"
subscription_key_env = "SHOP_KEY"
merchant_serial_number = "123456"

[api."ecom.v2".second_merchant]
client_id_env = "SHOP2_ID"
client_secret_env = "SHOP2_SECRET"
subscription_key_env = "SHOP2_KEY"
merchant_serial_number = "65432"
"""
ECOM_ENV = {"SHOP_ID": "shop-1", "SHOP_SECRET": "shop-secret-1", "SHOP_KEY": "shop-key-1",
            "SHOP2_ID": "shop-2", "SHOP2_SECRET": "shop-secret-2", "SHOP2_KEY": "shop-key-2"}


def test_an_ecom_target_names_its_merchants_keys_by_environment_variable(tmp_path: Path) -> None:
    target = load_target_file(write(tmp_path, ECOM), ECOM_ENV)
    ecom = target.api("ecom.v2")
    assert target.api("pos.v10") is None
    assert ecom.base_url == "https://ecom.acme.example"
    assert ecom.token_url == "https://ecom.acme.example/accesstoken/get"
    assert ecom.hooks_url == "https://ecom.acme.example"
    assert ecom.merchant.client_id == "shop-1"
    assert ecom.merchant.merchant_serial_number == "123456"
    assert ecom.second_merchant.merchant_serial_number == "65432"
    # Subscription keys are secrets like the client secrets: redacted everywhere.
    assert target.secrets() == {"shop-secret-1", "shop-key-1", "shop-secret-2", "shop-key-2"}
    assert "shop-key-1" not in repr(target)
    assert "shop-secret-1" not in repr(target)


def test_a_target_file_may_configure_both_apis(tmp_path: Path) -> None:
    both = GOOD + ECOM.replace('name = "Acme eCom sandbox"', "")
    target = load_target_file(write(tmp_path, both), {**ENV, **ECOM_ENV})
    assert set(target.apis) == {"pos.v10", "ecom.v2"}
    assert target.restricted_to(["ecom.v2"]).api("pos.v10") is None
    assert target_apis(SuiteOptions(write(tmp_path, both), tmp_path, ("ecom.v2",), (), 1, 1)) == {"ecom.v2"}


@pytest.mark.parametrize(("edit", "message"), [
    (('merchant_serial_number = "123456"', 'merchant_serial_number = "12-34"'), "5 or 6 digits"),
    (('merchant_serial_number = "123456"', ""), "merchant_serial_number is required"),
    (('subscription_key_env = "SHOP_KEY"', 'subscription_key = "k"'), "subscription_key_env"),
    (('client_secret_env = "SHOP_SECRET"', 'client_secret_env = "SHOP_SECRET"\nclient_secret = "s"'),
     "client_secret_env"),
])
def test_unusable_ecom_sections_are_named_errors(tmp_path: Path, edit: tuple[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_target_file(write(tmp_path, ECOM.replace(*edit, 1)), ECOM_ENV)


def test_a_missing_subscription_key_variable_is_named_without_any_value(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="environment variable SHOP_KEY is not set"):
        load_target_file(write(tmp_path, ECOM), {k: v for k, v in ECOM_ENV.items() if k != "SHOP_KEY"})
