@epayment
Feature: The 180-day limit on cancelling an ePayment
  An ePayment can be cancelled within 180 days of the reservation: past that, the cancel is
  answered 400 Bad Request and nothing changes. The age counts from the reservation, so the
  examples are authorized ePayments; exactly 180 days cannot be hit against a running clock.

  @EPAY_AGE_01
  Rule: An ePayment reserved over 180 days ago cannot be cancelled

    Scenario Outline: The merchant cancels an ePayment authorized <age> ago
      Given an ePayment that is authorized <age> ago
      When the merchant cancels the ePayment
      Then the cancel is refused with status 400 and a problem
      And the ePayment is as it was before the cancel

      Examples:
        | age                    |
        | 180 days plus one hour |
        | 181 days               |
        | 365 days               |

  @EPAY_AGE_02
  Rule: An ePayment reserved at most 180 days ago can still be cancelled

    Scenario Outline: An ePayment authorized <age> ago can still be cancelled
      Given an ePayment that is authorized <age> ago
      When the merchant cancels the ePayment
      Then the cancel succeeds with the state "AUTHORIZED" and the whole amount cancelled

      Examples:
        | age                     |
        | 0 days                  |
        | 179 days                |
        | 180 days minus one hour |

    Scenario Outline: Just past the limit, an ePayment authorized <age> ago can no longer be cancelled
      Given an ePayment that is authorized <age> ago
      When the merchant cancels the ePayment
      Then the cancel is refused with status 400 and a problem

      Examples:
        | age                    |
        | 180 days plus one hour |
        | 181 days               |
        | 365 days               |

  @EPAY_AGE_03
  Rule: The refusal past 180 days names error code 6030

    Scenario: The merchant is told the cancel period expired
      Given an ePayment that is authorized 181 days ago
      When the merchant cancels the ePayment
      Then the cancel is refused naming the error code "6030"
