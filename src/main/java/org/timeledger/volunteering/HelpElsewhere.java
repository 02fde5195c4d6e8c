package org.timeledger.volunteering;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/**
 * Help a member gives outside volunteering's activities (a timebank's exchanges), which counts
 * towards the same 24-hour day. A feature that records such help implements this, so
 * volunteering can count it without depending on that feature.
 */
public interface HelpElsewhere {
    /** Minutes each of these members gave on the date, still standing (not reversed); absent members gave none. */
    Map<String, Long> minutesOn(Collection<String> memberIds, LocalDate date);
}
