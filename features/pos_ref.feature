@pos
Feature: The merchant cancels a MobilePay PoS refund
  A refund can be cancelled by the client (and only by the client) until it is captured,
  expires and is captured automatically, or MobilePay cancels it.

  @POS_REF_01
  Rule: A refund in Initiated or Reserved is cancelled by the client

    Scenario Outline: The merchant cancels a refund in <state>
      Given a refund in the state "<state>"
      When the merchant cancels the refund
      Then the cancel succeeds
      And the refund reads "CancelledByClient"

      Examples:
        | state     |
        | Initiated |
        | Reserved  |

  @POS_REF_02
  Rule: A captured, expired or MobilePay-cancelled refund cannot be cancelled

    Scenario Outline: Cancelling a refund in <state> is refused
      Given a refund in the state "<state>"
      When the merchant cancels the refund
      Then the cancel is refused with status 409 and code "1352"
      And the refund still reads "<state>"

      Examples:
        | state                |
        | Captured             |
        | ExpiredAndCaptured   |
        | CancelledByMobilePay |

  @POS_REF_03
  Rule: Cancelling a refund is naturally idempotent

    Scenario: Cancelling a cancelled refund again leaves it cancelled by the client
      Given a refund in the state "CancelledByClient"
      When the merchant cancels the refund
      Then the refund still reads "CancelledByClient"

  @POS_REF_04
  Rule: An unknown refund cannot be cancelled

    Scenario: Cancelling a refund that was never created is answered "not found"
      Given a refund id that the target never issued
      When the merchant cancels the refund
      Then the cancel is refused with status 404

  @POS_REF_05
  Rule: A cancelled refund cannot be captured

    Scenario: Capturing a refund the merchant cancelled is refused
      Given a refund in the state "CancelledByClient"
      When the merchant captures the refund
      Then the capture is refused with status 409 and code "1351"
      And the refund still reads "CancelledByClient"

  @POS_REF_06
  Rule: Only the integrator that made a refund can cancel it

    Scenario: The merchant cannot cancel another integrator's refund
      Given another integrator's refund in the state "Initiated"
      When the merchant cancels the refund
      Then the cancel is refused with status 403 and code "1402"
      And the refund still reads "Initiated"

  @POS_REF_07
  Rule: A cancelled refund no longer counts against the refundable amount

    Scenario: After cancelling a full refund, the full captured amount can be refunded again
      Given a refund in the state "CancelledByClient"
      When the merchant refunds the full captured amount again
      Then the new refund succeeds
