"""Shared pytest configuration: plugins that provide session-wide fixtures."""

pytest_plugins = ["tests.conftest_neo4j"]
