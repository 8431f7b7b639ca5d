""" "Did you mean": the closest candidate, compared without case."""

from __future__ import annotations

from tfgen.checks.suggest import closest, did_you_mean

ENDPOINTS = ["/v1/responses", "/v1/chat/completions", "/v1/embeddings"]


def test_the_closest_candidate_is_suggested() -> None:
    assert closest("/v1/Embeddings", ENDPOINTS) == "/v1/embeddings"
    assert did_you_mean("endpont", ["endpoint", "metadata"]) == '; did you mean "endpoint"?'


def test_nothing_is_suggested_when_nothing_is_close_or_it_is_the_same() -> None:
    assert closest("zzz", ENDPOINTS) is None
    assert did_you_mean("endpoint", ["endpoint"]) == ""
