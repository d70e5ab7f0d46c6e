"""The Vipps MobilePay Recurring API v3 part of the reference: agreements, charges and their hooks."""
