@model
Feature: Sequences of documented actions that no scenario wrote keep every lifecycle
  Each scenario of the other features checks one path. Here the documented lifecycle of each
  API, as data, drives the merchant's, the customer's, the back office's and time's actions: every
  documented move from every state the lifecycle reaches, each followed by more actions that
  Hypothesis draws. After every step the public API must show a state the lifecycle allows; a
  divergence names the rule of the move, with the shortest sequence found that shows it.

  @MOD_POS_01
  Rule: Every sequence of documented actions leaves a PoS payment and its refund where the lifecycle says

    @pos
    Scenario: The merchant, the customer and MobilePay take every documented action on PoS payments
      Given the documented lifecycle of a MobilePay PoS payment and its refund
      When every documented move is taken from every state it reaches, with more drawn after it
      Then after every step the public API showed what the lifecycle says

  @MOD_ECOM_01
  Rule: Every sequence of documented actions leaves an eCom order where the lifecycle says

    @ecom
    Scenario: The merchant, the customer and time take every documented action on eCom orders
      Given the documented lifecycle of a Vipps eCom order
      When every documented move is taken from every state it reaches, with more drawn after it
      Then after every step the public API showed what the lifecycle says

  @MOD_EPAY_01
  Rule: Every sequence of documented actions leaves an ePayment and its aggregate where the lifecycle says

    @epayment
    Scenario: The merchant, the customer and time take every documented action on ePayments
      Given the documented lifecycle of a Vipps MobilePay ePayment and its aggregate
      When every documented move is taken from every state it reaches, with more drawn after it
      Then after every step the public API showed what the lifecycle says

  @MOD_RECUR_01
  Rule: Every sequence of documented actions leaves a Recurring charge and its summary where the lifecycle says

    @recurring
    Scenario: The merchant, Vipps MobilePay and time take every documented action on Recurring charges
      Given the documented lifecycle of a Vipps MobilePay Recurring charge and its summary
      When every documented move is taken from every state it reaches, with more drawn after it
      Then after every step the public API showed what the lifecycle says
