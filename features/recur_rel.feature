@recurring
Feature: Releasing what remains of a partly captured Recurring charge
  Cancelling a charge that is PARTIALLY_CAPTURED releases what remains to the customer: the charge
  then reads CHARGED, keeps what was captured, and nothing more can be captured.

  @RECUR_REL_01
  Rule: Cancelling a partly captured charge releases the rest

    Scenario: The merchant cancels a charge that is PARTIALLY_CAPTURED
      Given a charge that is PARTIALLY_CAPTURED
      When the merchant cancels the charge
      Then the charge reads CHARGED once the cancel is enacted
      And the charge's captured amount is unchanged

    Scenario: What a cancel released cannot be captured
      Given a charge that is PARTIALLY_CAPTURED
      And the merchant has released the rest of the charge
      When the merchant captures the rest of the charge
      Then the charge capture is refused
      And the charge's captured amount is unchanged

  @RECUR_REL_02
  Rule: After the release, the summary shows the released rest as cancelled

    Scenario: The released rest of a partly captured charge is counted as cancelled
      Given a charge that is PARTIALLY_CAPTURED
      When the merchant cancels the charge
      Then the charge reads CHARGED once the cancel is enacted
      And the charge's cancelled amount is the rest that was not captured
