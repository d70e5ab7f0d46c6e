"""The Vipps MobilePay ePayment v1 part of the reference implementation."""
