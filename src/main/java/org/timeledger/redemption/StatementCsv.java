package org.timeledger.redemption;

import org.timeledger.ledger.view.PostingsCsv;
import org.timeledger.redemption.RedemptionViews.PartnerRedemptions;
import org.timeledger.redemption.RedemptionViews.RedemptionView;

/** A partner's statement as CSV, one redemption a line and a TOTAL line, as a spreadsheet opens it. */
final class StatementCsv {
    private StatementCsv() {
    }

    static String of(PartnerRedemptions statement) {
        StringBuilder csv = new StringBuilder(
                "id,createdAt,status,offer,member,heldMinutes,capturedMinutes,refundedMinutes,tillReference,entryId\r\n");
        for (RedemptionView r : statement.items()) {
            csv.append(String.join(",", r.id(), r.createdAt().toString(), r.status().name(), cell(r.offerTitle()),
                    cell(r.memberFirstName()), Long.toString(r.amountMinutes()),
                    r.capturedMinutes() == null ? "" : Long.toString(r.capturedMinutes()), Long.toString(r.refundedMinutes()),
                    cell(r.tillReference()), r.entryId() == null ? "" : r.entryId())).append("\r\n");
        }
        var t = statement.totals();
        csv.append("TOTAL,,,,,").append(",").append(t.capturedMinutes()).append(",").append(t.refundedMinutes())
                .append(",net ").append(t.netMinutes()).append(",").append(t.count()).append(" redemptions\r\n");
        return csv.toString();
    }

    private static String cell(String value) {
        return value == null ? "" : PostingsCsv.cell(value);
    }
}
