@epayment
Feature: Cancelling only an ePayment transaction the customer has not authorized
  With `cancelTransactionOnly: true`, the merchant asks to cancel only a transaction the customer
  has not authorized yet: an authorized reservation is then not released.

  @EPAY_CTO_01
  Rule: Cancelling only the transaction of an ePayment the customer has not acted on cancels it

    Scenario: The merchant cancels only the transaction of an ePayment that is created
      Given an ePayment that is created
      When the merchant cancels only the transaction of the ePayment
      Then the cancel succeeds with the state "TERMINATED" and the whole amount cancelled
      And the ePayment reads "TERMINATED"

  @EPAY_CTO_02
  Rule: Cancelling only the transaction of an authorized ePayment keeps the reservation

    Scenario: The merchant cancels only the transaction of an ePayment that is authorized
      Given an ePayment that is authorized
      When the merchant cancels only the transaction of the ePayment
      Then nothing of the ePayment has been cancelled
      And the whole ePayment can still be captured

  @EPAY_CTO_03
  Rule: Cancelling only the transaction of an authorized ePayment is refused with error code 6060

    Scenario: The merchant is told why the reservation was kept
      Given an ePayment that is authorized
      When the merchant cancels only the transaction of the ePayment
      Then the cancel is refused naming the error code "6060"
