package org.timeledger.volunteering;

import org.timeledger.support.Text;
import org.timeledger.schemes.CardNumbers;
import org.timeledger.query.Times;
import org.timeledger.problem.RejectedException;
import org.timeledger.problem.RejectedException.LineError;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.volunteering.ActivityService.Line;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Attendance registers: one session for many members, sent as JSON or uploaded as CSV (one
 * line per member: a member id or a card number, then minutes). Lines are numbered as the
 * sender counts them: the file's own line numbers for CSV, positions in {@code memberIds} for
 * JSON, so a coordinator can find each refused line in their spreadsheet.
 */
final class Registers {
    static final String UNKNOWN_MEMBER = "unknown_member";
    static final String DUPLICATE_MEMBER = "duplicate_member";
    static final String INVALID_LINE = "invalid_line";

    private Registers() {
    }

    /** A register however it came: its session, its lines, and lines already found malformed. */
    record Register(String organisationId, LocalDate date, String categoryCode, String description,
                    ActivityService.Approval approval, List<Ref> refs, List<LineError> errors) {
    }

    /** A line naming a member by id or card number, with its minutes (null: the session's). */
    record Ref(int line, String reference, Long minutes) {
    }

    record Resolved(List<Line> lines, List<LineError> errors) {
    }

    /** Refusals that are about the request's content rather than the scheme's rules. */
    static boolean isInputProblem(String rule) {
        return UNKNOWN_MEMBER.equals(rule) || DUPLICATE_MEMBER.equals(rule) || INVALID_LINE.equals(rule);
    }

    static Register of(VolunteeringRequests.Register json) {
        List<Ref> refs = new ArrayList<>();
        for (int i = 0; i < json.memberIds().size(); i++) {
            refs.add(new Ref(i + 1, Text.strip(json.memberIds().get(i)), json.minutes()));
        }
        return new Register(json.organisationId(), json.date(), json.categoryCode(), json.description(),
                approval(Boolean.TRUE.equals(json.approve())), refs, List.of());
    }

    static Register of(VolunteeringRequests.CsvRegister csv) {
        if (csv.organisationId() == null || Text.isBlank(csv.organisationId())) {
            throw RejectedException.invalidField("organisationId", "is required (a query parameter when uploading CSV)");
        }
        if (csv.categoryCode() == null || Text.isBlank(csv.categoryCode())) {
            throw RejectedException.invalidField("categoryCode", "is required (a query parameter when uploading CSV)");
        }
        if (csv.date() == null) {
            throw RejectedException.invalidField("date", "is required (a query parameter when uploading CSV)");
        }
        LocalDate date = Times.date("date", csv.date());
        checkLength("organisationId", csv.organisationId(), 40);
        checkLength("categoryCode", csv.categoryCode(), 40);
        checkLength("description", csv.description(), 500);
        String hidden = Text.hiddenInNote(csv.description());
        if (hidden != null) {
            throw RejectedException.invalidField("description", "may not contain invisible or direction-changing characters: it has "
                    + hidden);
        }
        if (csv.csv().indexOf('\0') >= 0) {
            throw RejectedException.invalidField("body", "contains the NUL character; upload the spreadsheet saved as CSV text");
        }
        List<Ref> refs = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        String[] lines = csv.csv().replace("\uFEFF", "").split("\r\n|\r|\n", -1);
        boolean first = true;
        for (int i = 0; i < lines.length; i++) {
            String text = lines[i].strip();
            if (text.isEmpty()) {
                continue;
            }
            List<String> cells = cells(text);
            if (first && cells.get(0).chars().noneMatch(Character::isDigit)) {
                first = false; // a header such as "memberId or cardNumber,minutes"
                continue;
            }
            first = false;
            parseLine(i + 1, cells, csv.minutes(), refs, errors);
            if (refs.size() + errors.size() > VolunteeringRequests.MAX_REGISTER_LINES) {
                break; // enough to refuse it; reading the rest of a huge upload would only cost
            }
        }
        int count = refs.size() + errors.size();
        if (count == 0) {
            throw RejectedException.invalidField("body", "has no lines; send one line per member: a member id or card number, then minutes");
        }
        if (count > VolunteeringRequests.MAX_REGISTER_LINES) {
            throw RejectedException.invalidField("body", "has more than 1,000 lines; a register holds at most 1,000, so split it");
        }
        return new Register(Text.strip(csv.organisationId()), date, Text.strip(csv.categoryCode()), csv.description(),
                approval(csv.approve()), refs, errors);
    }

    private static ActivityService.Approval approval(boolean approve) {
        return approve ? ActivityService.Approval.AT_ONCE : ActivityService.Approval.PENDING;
    }

    private static void checkLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw RejectedException.invalidField(field, "may be at most " + max + " characters");
        }
    }

    private static void parseLine(int number, List<String> cells, Long sessionMinutes, List<Ref> refs, List<LineError> errors) {
        if (cells.size() > 2 || cells.get(0).isEmpty()) {
            errors.add(new LineError(number, INVALID_LINE, "Expected a member id or card number, then minutes; found '"
                    + String.join(",", cells) + "'."));
            return;
        }
        String minutesCell = cells.size() == 2 ? cells.get(1) : "";
        Long minutes = sessionMinutes;
        if (!minutesCell.isEmpty()) {
            try {
                minutes = Long.parseLong(minutesCell);
            } catch (NumberFormatException e) {
                errors.add(new LineError(number, INVALID_LINE, "'" + minutesCell + "' is not a whole number of minutes."));
                return;
            }
        }
        if (minutes == null) {
            errors.add(new LineError(number, INVALID_LINE,
                    "No minutes on this line, and no minutes for the whole session in the query."));
            return;
        }
        refs.add(new Ref(number, cells.get(0), minutes));
    }

    /** Cells separated by commas (or semicolons or tabs, as some spreadsheets export), quotes removed. */
    private static List<String> cells(String line) {
        String separator = line.contains(",") ? "," : line.contains(";") ? ";" : "\t";
        List<String> cells = new ArrayList<>();
        for (String cell : line.split(separator, -1)) {
            String c = Text.strip(cell);
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                c = c.substring(1, c.length() - 1).strip();
            }
            cells.add(c);
        }
        // spreadsheets pad rows with empty cells ("mem_x,60,,")
        while (cells.size() > 1 && cells.get(cells.size() - 1).isEmpty()) {
            cells.remove(cells.size() - 1);
        }
        return cells;
    }

    /** Finds each line's member (by id, or by card number), refusing unknown and repeated ones. */
    static Resolved resolve(Register register, Scheme scheme, PartyService parties) {
        return resolve(register.refs(), register.errors(), scheme, parties);
    }

    /** The members {@code refs} name; {@code malformed} are lines already refused. */
    static Resolved resolve(List<Ref> refs, List<LineError> malformed, Scheme scheme, PartyService parties) {
        Set<String> ids = new HashSet<>();
        Set<String> cards = new HashSet<>();
        for (Ref ref : refs) {
            if (isCard(ref.reference())) {
                cards.add(card(ref.reference()));
            } else {
                ids.add(ref.reference());
            }
        }
        Map<String, Member> byId = parties.findMembers(scheme.id(), ids);
        Map<String, Member> byCard = parties.findMembersByCard(scheme.id(), cards);
        List<Line> lines = new ArrayList<>();
        List<LineError> errors = new ArrayList<>(malformed);
        Map<String, Integer> seen = new HashMap<>();
        for (Ref ref : refs) {
            Member member = isCard(ref.reference()) ? byCard.get(card(ref.reference())) : byId.get(ref.reference());
            if (member == null) {
                errors.add(new LineError(ref.line(), UNKNOWN_MEMBER, "'" + ref.reference()
                        + "' is neither the id nor the card number of a member of this scheme."));
                continue;
            }
            Integer earlier = seen.putIfAbsent(member.id(), ref.line());
            if (earlier != null) {
                errors.add(new LineError(ref.line(), DUPLICATE_MEMBER, member.displayName() + " is already on line "
                        + earlier + "; a register lists each member once."));
                continue;
            }
            lines.add(new Line(ref.line(), member, ref.minutes()));
        }
        return new Resolved(lines, errors);
    }

    /** Whether a line names its member by card number (16 digits, spaces and dashes aside) rather than by id. */
    static boolean isCard(String reference) {
        return CardNumbers.typed(reference).matches("\\d{16}");
    }

    /** A card number as stored: its digits alone. */
    static String card(String reference) {
        return CardNumbers.typed(reference).toLowerCase(Locale.ROOT);
    }
}
