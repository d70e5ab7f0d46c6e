"""Each API's documented lifecycle as data, explored with Hypothesis's rule-based state machines (MOD_*)."""
