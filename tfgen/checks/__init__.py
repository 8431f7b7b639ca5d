"""The checks: blocks against the JSON Schemas in schemas/, and the rules a schema cannot say."""
