@recurring
Feature: Idempotency keys on Recurring charge cancels, and stopping an agreement
  Every DELETE of a charge carries an `Idempotency-Key`: without one it is refused; retried with
  the same key it cancels once; the same key on another charge's DELETE is a conflict. Stopping the
  agreement cancels its charges that have not been charged yet.

  @RECUR_IDM_01
  Rule: A cancel without an idempotency key is refused

    Scenario: The merchant cancels a charge without an idempotency key
      Given a charge that is PENDING
      When the merchant cancels the charge without an idempotency key
      Then the charge cancel is refused
      And the charge is as it was before the cancel

  @RECUR_IDM_02
  Rule: A cancel retried with the same idempotency key cancels once

    Scenario Outline: The merchant retries the cancel of a charge that is <status>
      Given a charge that is <status>
      When the merchant cancels the charge twice with the same idempotency key
      Then both charge cancels are accepted
      And the charge's history shows exactly one CANCEL

      Examples:
        | status   |
        | PENDING  |
        | RESERVED |

  @RECUR_IDM_03
  Rule: An idempotency key reused for another charge's cancel is a conflict

    Scenario: The merchant reuses a cancel's idempotency key for another charge
      Given a charge that is PENDING
      And the merchant has cancelled another charge with an idempotency key
      When the merchant cancels the charge with that idempotency key
      Then the charge cancel is refused with status 409
      And the charge is as it was before the cancel

  @RECUR_IDM_04
  Rule: Stopping the agreement cancels its pending, due and reserved charges

    Scenario: The merchant stops an agreement with charges that are PENDING, DUE and RESERVED
      Given the merchant's agreement has a charge that is PENDING, one that is DUE and one that is RESERVED
      When the merchant stops the agreement
      Then each of those charges reads CANCELLED
