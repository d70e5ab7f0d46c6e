@pos
Feature: The customer cancels a MobilePay PoS payment in the app
  Once the customer is paired with the point of sale, the customer may cancel the payment in the
  MobilePay app until accepting it; the payment then reads "CancelledByUser".

  @POS_USR_01
  Rule: The customer can cancel a payment in Paired or IssuedToUser

    Scenario Outline: The customer cancels a payment in <state>
      Given a payment in the state "<state>"
      When the customer cancels the payment in the app
      Then the payment reads "CancelledByUser"

      Examples:
        | state        |
        | Paired       |
        | IssuedToUser |

  @POS_USR_02
  Rule: The customer cannot cancel a payment in Initiated, Reserved or Captured

    Scenario Outline: The customer's cancel of a payment in <state> fails
      Given a payment in the state "<state>"
      When the customer cancels the payment in the app
      Then the customer's cancel fails
      And the payment still reads "<state>"

      Examples:
        | state     |
        | Initiated |
        | Reserved  |
        | Captured  |
