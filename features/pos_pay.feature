@pos
Feature: The merchant cancels a MobilePay PoS payment
  The merchant's point-of-sale system may cancel a payment it started until the payment is
  captured or its reservation has expired; the payment then reads "CancelledByClient".

  @POS_PAY_01
  Rule: A payment is cancellable by the client until it is captured or expired

    Scenario Outline: The merchant cancels a payment in <state>
      Given a payment in the state "<state>"
      When the merchant cancels the payment
      Then the cancel succeeds
      And the payment reads "CancelledByClient"

      Examples:
        | state        |
        | Prepared     |
        | Initiated    |
        | Paired       |
        | IssuedToUser |
        | Reserved     |

  @POS_PAY_02
  Rule: A captured payment cannot be cancelled

    Scenario: Cancelling a captured payment is refused
      Given a payment in the state "Captured"
      When the merchant cancels the payment
      Then the cancel is refused with status 409 and code "1300"
      And the payment still reads "Captured"

  @POS_PAY_03
  Rule: An expired reservation cannot be cancelled

    Scenario: Cancelling a payment whose reservation expired is refused
      Given a payment in the state "ExpiredAndCancelled"
      When the merchant cancels the payment
      Then the cancel is refused with status 409 and code "1300"
      And the payment still reads "ExpiredAndCancelled"

  @POS_PAY_04
  Rule: A client cancel never rewrites who cancelled

    Scenario Outline: The merchant's cancel leaves a payment <state>
      Given a payment in the state "<state>"
      When the merchant cancels the payment
      Then the payment still reads "<state>"

      Examples:
        | state                |
        | CancelledByUser      |
        | CancelledByMobilePay |

  @POS_PAY_05
  Rule: Cancelling a payment someone else cancelled is refused as a state conflict

    Scenario Outline: The merchant's cancel of a payment in <state> is refused
      Given a payment in the state "<state>"
      When the merchant cancels the payment
      Then the cancel is refused with status 409 and code "1300"

      Examples:
        | state                |
        | CancelledByUser      |
        | CancelledByMobilePay |

  @POS_PAY_06
  Rule: Cancel is naturally idempotent

    Scenario: Cancelling a cancelled payment again leaves it cancelled by the client
      Given a payment in the state "CancelledByClient"
      When the merchant cancels the payment
      Then the payment still reads "CancelledByClient"

  @POS_PAY_07
  Rule: A repeated cancel is answered like the first

    Scenario: Cancelling a cancelled payment again succeeds
      Given a payment in the state "CancelledByClient"
      When the merchant cancels the payment
      Then the cancel succeeds

  @POS_PAY_08
  Rule: An unknown payment cannot be cancelled

    Scenario: Cancelling a payment that was never created is answered "not found"
      Given a payment id that the target never issued
      When the merchant cancels the payment
      Then the cancel is refused with status 404

  @POS_PAY_09
  Rule: Only the integrator that made a payment can cancel it

    Scenario Outline: The merchant cannot cancel another integrator's payment in <state>
      Given another integrator's payment in the state "<state>"
      When the merchant cancels the payment
      Then the cancel is refused with status 403 and one of the codes "1401", "1408"
      And the payment still reads "<state>"

      Examples:
        | state     |
        | Initiated |
        | Reserved  |

  @POS_PAY_10
  Rule: A cancel needs a valid access token

    Scenario Outline: A cancel with <credentials> is refused
      Given a payment in the state "Initiated"
      When the merchant cancels the payment with <credentials>
      Then the cancel is refused with status 401
      And the payment still reads "Initiated"

      Examples:
        | credentials                       |
        | no access token                   |
        | an access token it was never given |

  @POS_PAY_11
  Rule: A cancelled payment cannot be captured

    Scenario: Capturing a payment the merchant cancelled is refused
      Given a payment in the state "CancelledByClient"
      When the merchant captures the payment
      Then the capture is refused with status 409 and code "1304"
      And the payment still reads "CancelledByClient"

  @POS_PAY_12
  Rule: Cancelling the active payment frees the point of sale

    Scenario Outline: While a payment in <state> is active, the point of sale takes no new payment
      Given a payment in the state "<state>"
      When the merchant starts another payment on the same point of sale
      Then the new payment is refused with status 409 and code "1301"

      Examples:
        | state        |
        | Prepared     |
        | Initiated    |
        | Paired       |
        | IssuedToUser |

    Scenario Outline: Once the active payment in <state> is cancelled, the point of sale takes a new payment
      Given a payment in the state "<state>"
      And the merchant has cancelled the payment
      When the merchant starts another payment on the same point of sale
      Then the new payment succeeds

      Examples:
        | state        |
        | Prepared     |
        | Initiated    |
        | Paired       |
        | IssuedToUser |
