@pos
Feature: Recovering a MobilePay PoS payment whose outcome is unknown
  A point-of-sale system that lost a response must be able to find out what happened and clean
  up: find the payment by its point of sale and order id, retry safely with the same
  idempotency key, and never create a payment by accident.

  @POS_REC_01
  Rule: A payment whose initiate response was lost is found and cancelled

    Scenario: The merchant finds a payment it never heard back about and cancels it
      Given the merchant started a payment but never received the answer
      When the merchant looks the payment up by its point of sale and order id
      Then the lookup finds the payment
      When the merchant cancels the payment
      Then the cancel succeeds
      And the payment reads "CancelledByClient"

  @POS_REC_02
  Rule: A retried initiate with the same idempotency key returns the same payment

    Scenario: Retrying an initiate returns the payment the first attempt created
      Given the merchant started a payment with an idempotency key
      When the merchant sends the same request again with the same idempotency key
      Then the retry succeeds
      And the retry names the same payment
      And the point of sale has exactly that one payment

  @POS_REC_03
  Rule: An idempotency key cannot be reused for a different request

    Scenario: Reusing an idempotency key for a different payment is refused
      Given the merchant started a payment with an idempotency key
      When the merchant starts a different payment on another point of sale with the same idempotency key
      Then the new payment is refused with status 409 and code "1306"

  @POS_REC_04
  Rule: Initiate requires an idempotency key

    Scenario: Initiating a payment without an idempotency key is refused
      When the merchant starts a payment without an idempotency key
      Then the new payment is refused with status 400 and code "1164"
      And the point of sale has no payment
