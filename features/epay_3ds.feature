@epayment
Feature: No cancel of an ePayment while the customer is authorizing it
  While the customer is actively authorizing an ePayment (a 3-D Secure session), it cannot be
  cancelled. Once the session succeeds, the ePayment is authorized and a cancel releases it.

  @EPAY_3DS_01
  Rule: While the customer is in a 3-D Secure session, a cancel is refused

    Scenario: The merchant cancels an ePayment during the customer's 3-D Secure session
      Given an ePayment that is in a 3-D Secure session
      When the merchant cancels the ePayment
      Then the cancel is refused with a problem
      And the ePayment reads "CREATED"
      And nothing of the ePayment has been cancelled

  @EPAY_3DS_02
  Rule: Once the 3-D Secure session succeeds, the ePayment is authorized and a cancel releases it

    Scenario: The merchant cancels an ePayment after the customer's 3-D Secure session succeeded
      Given an ePayment that is in a 3-D Secure session
      When the customer's 3-D Secure session for the ePayment succeeds
      And the merchant cancels the ePayment
      Then the cancel succeeds with the state "AUTHORIZED" and the whole amount cancelled
      And the ePayment's event log shows CANCELLED
