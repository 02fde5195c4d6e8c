package org.timeledger.schemes;

/**
 * One line of a scheme's contact list: a member who has not been erased and did not ask not to be
 * contacted, with how to reach them. Personal data, for the scheme's administrators only.
 */
public record ContactRow(String displayName, String cardNumber, String ward, boolean left, ContactMethod preferredContact,
                         String phone, String email, String postalAddress) {
}
