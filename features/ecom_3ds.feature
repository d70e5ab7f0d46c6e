@ecom
Feature: A Vipps eCom payment during 3-D Secure
  While the customer is in a 3-D Secure session, the payment cannot be cancelled. Once the
  session succeeds, the payment is reserved and is cancelled like any reserved payment.

  @ECOM_3DS_01
  Rule: A payment cannot be cancelled while the customer is in a 3-D Secure session

    Scenario: The merchant cancels an order during the customer's 3-D Secure session
      Given an order that is in a 3-D Secure session
      When the merchant cancels the order
      Then the cancel is refused with an eCom error
      And the order's history shows no CANCEL or RESERVE

  @ECOM_3DS_02
  Rule: After a successful 3-D Secure session the payment is cancelled as a reserved one

    Scenario: The merchant cancels an order once its 3-D Secure session succeeded
      Given an order that is in a 3-D Secure session
      And the merchant tried to cancel the order during the session
      When the customer completes the 3-D Secure session
      And the merchant cancels the order
      Then the cancel succeeds
      And the order's history shows RESERVE and VOID
