Feature: Money stays safe when requests race
  A cancel and a capture of the same payment, or two cancels of it, may reach the payment
  provider at the same moment. Each payment still ends in one state: a cancel and a capture
  never both succeed, and duplicate cancels leave exactly one cancellation. Every scenario races
  twenty payments, each pair of requests sent at the same moment on two connections.

  @SAFE_01
  Rule: A cancel and a capture sent at the same moment never both succeed

    @pos
    Scenario: The merchant cancels and captures MobilePay PoS payments at the same moment
      Given 20 reserved MobilePay PoS payments
      When the merchant cancels and captures each payment at the same moment
      Then no payment was both cancelled and captured
      And every payment ended as the request that succeeded left it

    @ecom
    Scenario: The merchant cancels and captures Vipps eCom payments at the same moment
      Given 20 reserved Vipps eCom payments
      When the merchant cancels and captures each payment at the same moment
      Then no payment was both cancelled and captured
      And every payment ended as the request that succeeded left it

    @epayment
    Scenario: The merchant cancels and captures Vipps MobilePay ePayments at the same moment
      Given 20 authorized ePayments
      When the merchant cancels and captures each payment at the same moment
      Then no payment was both cancelled and captured
      And every payment ended as the request that succeeded left it

    @recurring
    Scenario: The merchant cancels and captures Vipps MobilePay Recurring charges at the same moment
      Given 20 reserved Recurring charges
      When the merchant cancels and captures each payment at the same moment
      Then no payment was both cancelled and captured
      And every payment ended as the request that succeeded left it

  @SAFE_02
  Rule: Concurrent duplicate cancels leave exactly one cancellation

    @pos
    Scenario: The merchant cancels MobilePay PoS payments twice at the same moment
      Given 20 reserved MobilePay PoS payments
      When the merchant cancels each payment twice at the same moment
      Then every payment was cancelled exactly once

    @ecom
    Scenario Outline: The merchant cancels <state> Vipps eCom payments twice at the same moment
      Given 20 <state> Vipps eCom payments
      When the merchant cancels each payment twice at the same moment
      Then every payment was cancelled exactly once

      Examples:
        | state    |
        | reserved |
        | pending  |

    @epayment
    Scenario Outline: The merchant cancels <state> Vipps MobilePay ePayments twice at the same moment
      Given 20 <state> ePayments
      When the merchant cancels each payment twice at the same moment
      Then every payment was cancelled exactly once

      Examples:
        | state      |
        | authorized |
        | created    |

    @recurring
    Scenario Outline: The merchant cancels <status> Vipps MobilePay Recurring charges twice at the same moment
      Given 20 <status> Recurring charges
      When the merchant cancels each payment twice at the same moment
      Then every payment was cancelled exactly once

      Examples:
        | status   |
        | reserved |
        | pending  |
