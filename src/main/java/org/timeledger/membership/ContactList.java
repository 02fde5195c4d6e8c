package org.timeledger.membership;

import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.ledger.view.PostingsCsv;
import org.timeledger.schemes.ContactRow;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;

/**
 * The one export that carries members' contact details: a CSV an administrator asks for, to
 * reach the members (a letter, a ring round). Erased members and those who asked not to be
 * contacted are left out; members who left are in it, marked as such. See docs/api-guide.md.
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
            csv.append(PostingsCsv.cell(row.displayName())).append(',').append(row.cardNumber()).append(',')
                    .append(PostingsCsv.cell(row.ward())).append(',').append(row.left() ? "left" : "active").append(',')
                    .append(row.preferredContact() == null ? "" : row.preferredContact().name()).append(',')
                    .append(PostingsCsv.cell(row.phone())).append(',').append(PostingsCsv.cell(row.email())).append(',')
                    .append(PostingsCsv.cell(row.postalAddress())).append("\r\n");
        }
        return csv.toString();
    }
}
