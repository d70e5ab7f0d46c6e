"""What every API's client shares: access tokens reused until expiry, and the result of one call."""
