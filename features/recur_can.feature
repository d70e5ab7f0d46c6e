@recurring
Feature: The merchant cancels a Vipps MobilePay Recurring charge
  A charge on an agreement is cancelled with a DELETE, answered 204, or 202 when the cancel is
  enacted a little later. A pending, due or reserved charge is then cancelled; a charge that has
  already ended is left as it is. A cancelled charge cannot be captured.

  @RECUR_CAN_01
  Rule: A pending, due or reserved charge can be cancelled

    Scenario Outline: The merchant cancels a charge that is <status>
      Given a charge that is <status>
      When the merchant cancels the charge
      Then the charge reads CANCELLED once the cancel is enacted
      And the charge's history shows a CANCEL

      Examples:
        | status   |
        | PENDING  |
        | DUE      |
        | RESERVED |

  @RECUR_CAN_02
  Rule: A cancel changes nothing on a charge that has already ended

    Scenario Outline: A cancel leaves a charge that is <status> as it was
      Given a charge that is <status>
      When the merchant cancels the charge
      Then the charge is as it was before the cancel

      Examples:
        | status             |
        | CHARGED            |
        | FAILED             |
        | REFUNDED           |
        | PARTIALLY_REFUNDED |
        | CANCELLED          |

  @RECUR_CAN_03
  Rule: The cancel of a charge that has already ended is refused

    Scenario Outline: The cancel of a charge that is <status> is refused
      Given a charge that is <status>
      When the merchant cancels the charge
      Then the charge cancel is refused with a problem

      Examples:
        | status             |
        | CHARGED            |
        | FAILED             |
        | REFUNDED           |
        | PARTIALLY_REFUNDED |
        | CANCELLED          |

  @RECUR_CAN_04
  Rule: A cancelled charge cannot be captured

    Scenario: The merchant captures a charge it cancelled
      Given a charge that is CANCELLED
      When the merchant captures the whole charge
      Then the charge capture is refused
      And nothing of the charge has been captured

  @RECUR_CAN_05
  Rule: An unknown charge cannot be cancelled

    Scenario: The merchant cancels a charge id its agreement never had
      Given a charge id the merchant's agreement never had
      When the merchant cancels the charge
      Then the charge cancel is refused

  @RECUR_CAN_06
  Rule: A charge on another merchant's agreement cannot be cancelled

    Scenario: The merchant cancels a charge of another merchant
      Given a charge of another merchant that is PENDING
      When the merchant cancels the other merchant's charge
      Then the charge cancel is refused
      And the charge is as it was before the cancel
