package org.timeledger.membership;

import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.schemes.ContactRow;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.support.Csv;

/**
 * The one export that carries members' contact details: a CSV an administrator asks for, to
 * reach the members (a letter, a ring round). Erased members and those who asked not to be
 * contacted are left out; members who left are in it, marked as such. Cells as {@link Csv} writes
 * them. See docs/api-guide.md.
 */
@Singleton
public class ContactList {
    static final String HEADER = "name,cardNumber,ward,status,preferredContact,phone,email,postalAddress\r\n";

    private final Access access;
    private final PartyService parties;

    public ContactList(Access access, PartyService parties) {
        this.access = access;
        this.parties = parties;
    }

    public String csv(Caller caller, String schemeCode) {
        Scheme scheme = access.scheme(caller, schemeCode);
        StringBuilder csv = new StringBuilder(HEADER);
        for (ContactRow row : parties.contactList(scheme.id())) {
            csv.append(Csv.line(Csv.text(row.displayName()), Csv.code(row.cardNumber()), Csv.text(row.ward()),
                    row.left() ? "left" : "active", Csv.code(row.preferredContact()), Csv.text(row.phone()),
                    Csv.text(row.email()), Csv.text(row.postalAddress())));
        }
        return csv.toString();
    }
}
