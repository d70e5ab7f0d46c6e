"""Tests of the embedded reference implementation."""
