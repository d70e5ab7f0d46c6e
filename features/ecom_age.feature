@ecom
Feature: The 180-day limit on cancelling a Vipps eCom payment
  It is not possible to cancel a payment that is over 180 days old: the cancel is answered
  400 Bad Request and nothing changes. A payment at most 180 days old can still be cancelled.
  Exactly 180 days cannot be hit against a running clock, so the examples stay an hour away.

  @ECOM_AGE_01
  Rule: A payment over 180 days old cannot be cancelled

    Scenario Outline: The merchant cancels a <state> order <age> old
      Given an order that is <state> and <age> old
      When the merchant cancels the order
      Then the cancel is refused with status 400
      And the order is as it was before the cancel

      Examples:
        | state    | age                    |
        | reserved | 180 days plus one hour |
        | reserved | 181 days               |
        | reserved | 365 days               |
        | pending  | 181 days               |

  @ECOM_AGE_02
  Rule: A payment at most 180 days old can still be cancelled

    Scenario Outline: The merchant cancels a reserved order <age> old
      Given an order that is reserved and <age> old
      When the merchant cancels the order
      Then the cancel succeeds
      And the order's history shows exactly one cancellation

      Examples:
        | age                     |
        | 0 days                  |
        | 179 days                |
        | 180 days minus one hour |

    Scenario: The merchant cancels a pending order 179 days old
      Given an order that is pending and 179 days old
      When the merchant cancels the order
      Then the cancel succeeds
      And the order's history shows exactly one cancellation

    Scenario Outline: Just past the limit, a reserved order <age> old can no longer be cancelled
      Given an order that is reserved and <age> old
      When the merchant cancels the order
      Then the cancel is refused with status 400

      Examples:
        | age                    |
        | 180 days plus one hour |
        | 181 days               |
        | 365 days               |
