@epayment
Feature: The merchant cancels a Vipps MobilePay ePayment
  An ePayment the customer has not acted on yet is cancelled for good: it becomes TERMINATED.
  Once the customer has authorized it, it stays AUTHORIZED and a cancel releases what remains of
  the reservation: the aggregate amounts show it, and the event log shows CANCELLED. Nothing
  fully captured can be cancelled, and a cancel never undoes what the customer, time or an
  earlier cancel decided.

  @EPAY_CAN_01
  Rule: An ePayment the customer has not acted on yet is cancelled for good

    Scenario: The merchant cancels an ePayment that is created
      Given an ePayment that is created
      When the merchant cancels the ePayment
      Then the cancel succeeds with the state "TERMINATED" and the whole amount cancelled
      And the ePayment reads "TERMINATED"
      And the ePayment's event log shows TERMINATED

    Scenario: The customer cannot authorize an ePayment the merchant cancelled
      Given an ePayment that is terminated by the merchant
      When the customer authorizes the ePayment in the app
      Then the customer's authorization fails
      And the ePayment reads "TERMINATED"

  @EPAY_CAN_02
  Rule: A cancel of an authorized ePayment releases the whole reservation

    Scenario: The merchant cancels an ePayment that is authorized
      Given an ePayment that is authorized
      When the merchant cancels the ePayment
      Then the cancel succeeds with the state "AUTHORIZED" and the whole amount cancelled
      And the ePayment's event log shows CANCELLED
      And the ePayment's cancelled amount is its authorized amount

    Scenario: A cancelled ePayment cannot be captured
      Given an ePayment that is cancelled once authorized
      When the merchant captures the whole ePayment
      Then the capture is refused with a problem
      And nothing of the ePayment has been captured

  @EPAY_CAN_03
  Rule: After a partial capture, a cancel releases all that remains

    Scenario: The merchant cancels an ePayment that is partly captured
      Given an ePayment that is partly captured
      When the merchant cancels the ePayment
      Then the cancel succeeds with what remains cancelled
      And the ePayment's captured amount is unchanged

    Scenario: What a cancel released after a partial capture cannot be captured
      Given an ePayment that is partly captured and then cancelled
      When the merchant captures what remains of the ePayment
      Then the capture is refused with a problem
      And the ePayment's captured amount is unchanged

  @EPAY_CAN_04
  Rule: A fully captured ePayment cannot be cancelled

    Scenario: The merchant cancels an ePayment that is captured in full
      Given an ePayment that is captured in full
      When the merchant cancels the ePayment
      Then the cancel is refused with a problem
      And the ePayment's amounts are as they were before the cancel

  @EPAY_CAN_05
  Rule: The refusal of a cancel after a full capture names error code 6040

    Scenario: The refusal of a cancel after a full capture names its code
      Given an ePayment that is captured in full
      When the merchant cancels the ePayment
      Then the cancel is refused naming the error code "6040"

  @EPAY_CAN_06
  Rule: A cancel changes nothing on an ePayment that has already ended

    Scenario Outline: The merchant cancels an ePayment that is <ended>
      Given an ePayment that is <ended>
      When the merchant cancels the ePayment
      Then the ePayment is as it was before the cancel

      Examples:
        | ended                         |
        | aborted by the customer       |
        | expired                       |
        | terminated by the merchant    |
        | cancelled once authorized     |

  @EPAY_CAN_07
  Rule: A cancel of an ePayment that has already ended is refused

    Scenario Outline: The cancel of an ePayment that is <ended> is refused
      Given an ePayment that is <ended>
      When the merchant cancels the ePayment
      Then the cancel is refused with a problem

      Examples:
        | ended                         |
        | aborted by the customer       |
        | expired                       |
        | terminated by the merchant    |
        | cancelled once authorized     |

  @EPAY_CAN_08
  Rule: An unknown ePayment cannot be cancelled

    Scenario: The merchant cancels a reference it never used
      Given an ePayment reference the merchant never used
      When the merchant cancels the ePayment
      Then the cancel is refused with status 404 and a problem

  @EPAY_CAN_09
  Rule: A cancelled ePayment with nothing captured cannot be refunded

    Scenario Outline: The merchant refunds an ePayment that is <cancelled>
      Given an ePayment that is <cancelled>
      When the merchant refunds the whole ePayment
      Then the refund is refused with a problem
      And nothing of the ePayment has been refunded

      Examples:
        | cancelled                  |
        | terminated by the merchant |
        | cancelled once authorized  |

  @EPAY_CAN_10
  Rule: A cancel whose body asks for nothing more is a plain cancel

    Scenario Outline: The merchant cancels an ePayment that is <state> with the body <body>
      Given an ePayment that is <state>
      When the merchant cancels the ePayment with the body <body>
      Then the cancel succeeds with the state "<after>" and the whole amount cancelled

      Examples:
        | state      | body                            | after      |
        | created    | {"cancelTransactionOnly": false} | TERMINATED |
        | created    | {}                              | TERMINATED |
        | authorized | {"cancelTransactionOnly": false} | AUTHORIZED |
        | authorized | {}                              | AUTHORIZED |
