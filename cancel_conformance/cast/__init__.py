"""The fixed cast the features speak of: the merchant, a second merchant, the customer, the back office."""
