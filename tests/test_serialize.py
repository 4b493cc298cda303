"""The JSON form and the JSON Schema come from the same dataclasses and must agree."""

import json

import jsonschema
import pytest

from stdcompare.corpus import Corpus
from stdcompare.serialize import json_schema, to_data

SCHEMA = json_schema()


def corpus_standards():
    return Corpus.discover().standards


@pytest.mark.parametrize("std", corpus_standards(), ids=lambda s: s.ref)
def test_every_corpus_standard_validates_against_the_schema(std):
    data = json.loads(json.dumps(to_data(std), ensure_ascii=False))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


def test_numbers_are_strings_with_their_precision(fixture_corpus):
    data = to_data(fixture_corpus.resolve("test-wire@2018"))
    cu = data["grades"][0]["requirements"][0]
    assert cu["lo"] == "99.0" and cu["lo_inclusive"] is True and cu["hi"] is None
    assert data["issued"] == "2018-01-15"


def test_schema_rejects_what_the_model_forbids(fixture_corpus):
    data = to_data(fixture_corpus.resolve("test-wire@2018"))
    data["grades"][0]["requirements"][0]["state"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)
    data = to_data(fixture_corpus.resolve("test-wire@2018"))
    data["grades"][0]["code"] = 201  # codes are always strings
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_schema_states_are_the_six_of_the_model():
    states = SCHEMA["$defs"]["Requirement"]["properties"]["state"]["enum"]
    assert states == ["stated", "forbidden", "none", "agreement", "silent", "unknown"]
