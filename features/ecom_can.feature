@ecom
Feature: The merchant cancels a Vipps eCom payment
  A Vipps eCom merchant may cancel a payment the customer has not confirmed yet (the details
  then show CANCEL) or one that is reserved (VOID). A cancelled payment stays cancelled: it
  cannot be captured or refunded.

  @ECOM_CAN_01
  Rule: A payment the customer has not confirmed yet can be cancelled

    Scenario: The merchant cancels a pending order
      Given an order that is pending
      When the merchant cancels the order
      Then the cancel succeeds with the status "Cancelled"
      And the order's history shows CANCEL and no RESERVE

    Scenario: The customer cannot approve an order the merchant cancelled while it was pending
      Given an order that is cancelled while pending
      When the customer approves the order in the app
      Then the customer's approval fails
      And the order's history shows CANCEL and no RESERVE

  @ECOM_CAN_02
  Rule: A reserved payment can be cancelled

    Scenario: The merchant cancels a reserved order
      Given an order that is reserved
      When the merchant cancels the order
      Then the cancel succeeds with the status "Cancelled"
      And the order's history shows VOID
      And nothing remains to capture

  @ECOM_CAN_03
  Rule: A payment the customer rejected stays cancelled by the customer

    Scenario: The customer rejects an order in the app
      Given an order that is pending
      When the customer rejects the order in the app
      Then the order's history shows CANCEL and no RESERVE

    Scenario: The merchant's cancel does not turn a rejected order into anything else
      Given an order that is rejected by the customer
      When the merchant cancels the order
      Then the order's history shows exactly one cancellation, a CANCEL

  @ECOM_CAN_04
  Rule: A cancelled payment cannot be captured

    Scenario Outline: The merchant captures an order <cancelled>
      Given an order that is <cancelled>
      When the merchant captures the whole order
      Then the capture is refused with an eCom error
      And nothing has been captured

      Examples:
        | cancelled               |
        | cancelled while pending |
        | cancelled once reserved |

  @ECOM_CAN_05
  Rule: A cancelled payment cannot be refunded

    Scenario Outline: The merchant refunds an order <cancelled>
      Given an order that is <cancelled>
      When the merchant refunds the whole order
      Then the refund is refused with an eCom error
      And nothing has been refunded

      Examples:
        | cancelled               |
        | cancelled while pending |
        | cancelled once reserved |

  @ECOM_CAN_06
  Rule: A cancel must name the merchant and carry a transaction text

    Scenario Outline: The merchant sends a cancel <lacking>
      Given an order that is reserved
      When the merchant sends a cancel of the order <lacking>
      Then the cancel is refused with status 400
      And the order is as it was before the cancel

      Examples:
        | lacking                          |
        | without merchant information     |
        | without a transaction            |
        | without a transaction text       |

  @ECOM_CAN_07
  Rule: An unknown order cannot be cancelled

    Scenario: The merchant cancels an order id it never used
      Given an order id the merchant never used
      When the merchant cancels the order
      Then the cancel is refused with an eCom error
