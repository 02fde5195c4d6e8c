package org.timeledger.redemption;

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

    /** Quoted when needed; a leading =, +, - or @ is defused so a spreadsheet does not run it as a formula. */
    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
