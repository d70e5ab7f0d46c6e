@epayment
Feature: Retrying an ePayment cancel
  Every modification of an ePayment carries an `Idempotency-Key`. A cancel retried with the same
  key is answered again and cancels once; the same key sent with another request is a conflict.

  @EPAY_IDM_01
  Rule: A cancel retried with the same idempotency key cancels once

    Scenario Outline: The merchant retries the cancel of an ePayment that is <state>
      Given an ePayment that is <state>
      When the merchant cancels the ePayment twice with the same idempotency key
      Then both cancels succeed
      And the ePayment's event log shows exactly one cancellation
      And the whole amount of the ePayment has been cancelled once

      Examples:
        | state      |
        | created    |
        | authorized |

  @EPAY_IDM_02
  Rule: An idempotency key reused for another ePayment's cancel is a conflict

    Scenario: The merchant reuses a cancel's idempotency key for another ePayment
      Given an ePayment that is authorized
      And the merchant has cancelled another ePayment with an idempotency key
      When the merchant cancels the ePayment with that idempotency key
      Then the cancel is refused with status 409
      And nothing of the ePayment has been cancelled
