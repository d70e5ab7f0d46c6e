@ecom
Feature: Releasing what remains of a partly captured Vipps eCom payment
  After a partial capture, only a cancel with shouldReleaseRemainingFunds set to true is
  accepted: it releases what was not captured. The flag defaults to false. After a full
  capture nothing can be cancelled (error 51): the merchant refunds instead.

  @ECOM_REL_01
  Rule: Releasing the remaining funds after a partial capture leaves nothing to capture

    Scenario: The merchant releases what remains of a partly captured order
      Given an order that is partly captured
      When the merchant cancels the order releasing the remaining funds
      Then the cancel succeeds
      And nothing remains to capture
      And the captured amount is unchanged

    Scenario: The merchant cannot capture the rest of an order whose remaining funds it released
      Given an order that is partly captured
      And the merchant has released the remaining funds of the order
      When the merchant captures the rest of the order
      Then the capture is refused with an eCom error
      And the captured amount is unchanged

  @ECOM_REL_02
  Rule: A cancel that does not release the remaining funds is refused after a partial capture

    Scenario: The merchant cancels a partly captured order without releasing the remaining funds
      Given an order that is partly captured
      When the merchant cancels the order without releasing the remaining funds
      Then the cancel is refused with an eCom error
      And the order is as it was before the cancel

    Scenario: The rest of the order stays capturable after the merchant's refused cancel
      Given an order that is partly captured
      And the merchant tried to cancel the order without releasing the remaining funds
      When the merchant captures the rest of the order
      Then the capture succeeds
      And nothing remains to capture

  @ECOM_REL_03
  Rule: Leaving shouldReleaseRemainingFunds out means false

    Scenario: The merchant cancels a partly captured order without saying what to do with the rest
      Given an order that is partly captured
      When the merchant cancels the order
      Then the cancel is refused with an eCom error
      And the order is as it was before the cancel

    Scenario: The rest of the order stays capturable after a cancel that left the flag out
      Given an order that is partly captured
      And the merchant tried to cancel the order
      When the merchant captures the rest of the order
      Then the capture succeeds
      And nothing remains to capture

  @ECOM_REL_04
  Rule: A fully captured payment cannot be cancelled, whatever the flag says

    Scenario Outline: The merchant cancels a fully captured order <how>
      Given an order that is captured in full
      When the merchant cancels the order <how>
      Then the cancel is refused with the eCom error code "51"
      And the captured amount is unchanged

      Examples:
        | how                                      |
        | releasing the remaining funds            |
        | without releasing the remaining funds    |

  @ECOM_REL_05
  Rule: Releasing the remaining funds of a reserved payment with no capture cancels it as usual

    Scenario: The merchant releases the remaining funds of a reserved order
      Given an order that is reserved
      When the merchant cancels the order releasing the remaining funds
      Then the cancel succeeds
      And the order's history shows VOID
      And nothing remains to capture
