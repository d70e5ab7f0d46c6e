"""The MobilePay PoS v10 emulation: lifecycles, model, operations, validation and routes."""
