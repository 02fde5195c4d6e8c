package org.timeledger.schemes.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import org.timeledger.access.Access;
import org.timeledger.access.Activations;
import org.timeledger.access.Staff;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;
import org.timeledger.identity.Roles;
import org.timeledger.query.Cursors;
import org.timeledger.query.Page;
import org.timeledger.schemes.api.SchemeViews.MemberView;
import org.timeledger.schemes.api.SchemeViews.PartyView;
import org.timeledger.schemes.api.SchemeViews.RegisteredMemberView;
import org.timeledger.schemes.api.SchemeViews.SchemeView;

import java.net.URI;
import java.util.List;
import java.util.function.IntFunction;
import org.timeledger.schemes.CardQr;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.Organisation;
import org.timeledger.schemes.Partner;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeRequests;
import org.timeledger.schemes.SchemeService;
import org.timeledger.schemes.SchemeSettings;
import org.timeledger.schemes.SchemeSettingsStore;
import org.timeledger.schemes.api.SchemeViews.SettingChangeView;

@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SchemeController {
    private final SchemeService schemes;
    private final PartyService parties;
    private final Access access;
    private final Activations activations;
    private final SchemeSettings settings;
    private final Staff staff;

    public SchemeController(SchemeService schemes, PartyService parties, Access access, Activations activations,
                            SchemeSettings settings, Staff staff) {
        this.settings = settings;
        this.staff = staff;
        this.schemes = schemes;
        this.parties = parties;
        this.access = access;
        this.activations = activations;
    }

    @Post("/schemes")
    @Secured(Roles.ADMIN)
    public HttpResponse<SchemeView> create(Caller caller, @Body @Valid SchemeRequests.CreateScheme request) {
        access.requireAllSchemes(caller);
        Scheme scheme = schemes.create(caller, request);
        return HttpResponse.created(SchemeView.of(scheme), URI.create("/v1/schemes/" + scheme.code()));
    }

    @Get("/schemes/{code}")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR})
    public SchemeView get(Caller caller, String code) {
        return SchemeView.of(access.scheme(caller, code));
    }

    /**
     * The schemes the caller may administer or work in, by code: every scheme for the
     * administrator of all schemes, their own for a scheme's staff.
     */
    @Get("/schemes")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR})
    public Page<SchemeView> list(Caller caller, @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor) {
        int size = Cursors.limit(limit);
        String after = Cursors.decode(cursor, "");
        IntFunction<List<Scheme>> query = caller.allSchemes()
                ? rows -> schemes.page(after, rows)
                : rows -> schemes.findById(caller.schemeId()).filter(s -> s.code().compareTo(after) > 0).stream().toList();
        return Page.fetch(size, query, Scheme::code, SchemeView::of);
    }

    /** Changes the scheme's rules; see docs/api-guide.md (changing a scheme's rules). */
    @Patch("/schemes/{code}")
    @Secured(Roles.ADMIN)
    public SchemeView change(Caller caller, String code, @Body @Valid SchemeRequests.ChangeScheme request) {
        Scheme scheme = access.scheme(caller, code);
        return SchemeView.of(settings.change(caller, scheme.id(), request).scheme());
    }

    @Get("/schemes/{code}/settings/history")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    public Page<SettingChangeView> settingsHistory(Caller caller, String code, @Nullable @QueryValue Integer limit,
                                                   @Nullable @QueryValue String cursor) {
        Scheme scheme = access.scheme(caller, code);
        int size = Cursors.limit(limit);
        long before = Cursors.decodeLong(cursor, Long.MAX_VALUE);
        return Page.fetch(size, rows -> settings.history(scheme.id(), before, rows),
                c -> Long.toString(c.seq()), this::view);
    }

    private SettingChangeView view(SchemeSettingsStore.Change c) {
        return new SettingChangeView(c.field(), c.before(), c.after(), c.changedBy(),
                staff.username(c.changedBy()).orElse(null), c.changedAt());
    }

    @Post("/schemes/{code}/members")
    @Secured({Roles.ADMIN, Roles.COORDINATOR})
    public HttpResponse<RegisteredMemberView> registerMember(Caller caller, String code,
                                                            @Body @Valid SchemeRequests.RegisterMember request) {
        Scheme scheme = access.scheme(caller, code);
        Activations.Registered registered = activations.registerMember(caller, scheme, request);
        Member member = registered.member();
        return HttpResponse.created(RegisteredMemberView.of(member, scheme.code(), registered.activation().code(),
                registered.activation().expiresAt()), URI.create("/v1/members/" + member.id()));
    }

    /**
     * The scheme's members in registration order; {@code q} finds them by a part of their name
     * (in any case), card number or phone, {@code status} by where they stand. A list never
     * carries contact details: open a member for those.
     */
    @Get("/schemes/{code}/members")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR})
    public Page<MemberView> members(Caller caller, String code, @Nullable @QueryValue Integer limit,
                                    @Nullable @QueryValue String cursor, @Nullable @QueryValue String q,
                                    @Nullable @QueryValue String status) {
        Scheme scheme = access.scheme(caller, code);
        int size = Cursors.limit(limit);
        String after = Cursors.decode(cursor, "");
        MemberSearch search = MemberSearch.of(q, status);
        return Page.fetch(size, rows -> search.isEmpty() ? parties.members(scheme, after, rows)
                        : parties.search(scheme, search.text(), search.digits(), search.status(), after, rows), Member::id,
                m -> MemberView.of(m, scheme.code()));
    }

    /** Staff see how to reach the member (personal data); the member sees their record without it. */
    @Get("/members/{id}")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR, Roles.MEMBER})
    public MemberView member(Caller caller, String id) {
        Member member = access.member(caller, id);
        String code = schemes.codeOf(member.schemeId());
        return caller.is(Role.MEMBER) ? MemberView.of(member, code)
                : MemberView.forStaff(member, code, parties.contactOf(member.id()));
    }

    /** The member's card as a QR code, for a coordinator to print on the card beside the number. */
    @Get(value = "/members/{id}/card/qr", produces = "image/svg+xml")
    @Secured({Roles.ADMIN, Roles.COORDINATOR})
    public HttpResponse<String> cardQr(Caller caller, String id) {
        return CardQr.of(access.member(caller, id));
    }

    @Post("/schemes/{code}/organisations")
    @Secured(Roles.ADMIN)
    public HttpResponse<PartyView> registerOrganisation(Caller caller, String code,
                                                        @Body @Valid SchemeRequests.RegisterParty request) {
        Organisation organisation = parties.registerOrganisation(caller, access.scheme(caller, code), request);
        return HttpResponse.created(PartyView.of(organisation, code), URI.create("/v1/organisations/" + organisation.id()));
    }

    /**
     * A coordinator sees only their own organisations, as with {@code GET /v1/organisations/{id}};
     * a member sees every organisation of their scheme, the groups they may donate to.
     */
    @Get("/schemes/{code}/organisations")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR, Roles.MEMBER})
    public Page<PartyView> organisations(Caller caller, String code, @Nullable @QueryValue Integer limit,
                                         @Nullable @QueryValue String cursor) {
        Scheme scheme = access.scheme(caller, code);
        int size = Cursors.limit(limit);
        String after = Cursors.decode(cursor, "");
        IntFunction<List<Organisation>> query = caller.is(Role.COORDINATOR)
                ? rows -> caller.organisationIds().stream().filter(id -> id.compareTo(after) > 0).sorted().limit(rows)
                        .map(id -> parties.findOrganisation(id).orElseThrow()).toList()
                : rows -> parties.organisations(scheme, after, rows);
        return Page.fetch(size, query, Organisation::id, o -> PartyView.of(o, scheme.code()));
    }

    @Get("/schemes/{code}/partners")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    public Page<PartyView> partners(Caller caller, String code, @Nullable @QueryValue Integer limit,
                                    @Nullable @QueryValue String cursor) {
        Scheme scheme = access.scheme(caller, code);
        int size = Cursors.limit(limit);
        String after = Cursors.decode(cursor, "");
        return Page.fetch(size, rows -> parties.partners(scheme, after, rows), Partner::id,
                p -> PartyView.of(p, scheme.code()));
    }

    @Get("/organisations/{id}")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR})
    public PartyView organisation(Caller caller, String id) {
        Organisation organisation = access.organisation(caller, id);
        return PartyView.of(organisation, schemes.codeOf(organisation.schemeId()));
    }

    @Post("/schemes/{code}/partners")
    @Secured(Roles.ADMIN)
    public HttpResponse<PartyView> registerPartner(Caller caller, String code, @Body @Valid SchemeRequests.RegisterParty request) {
        Partner partner = parties.registerPartner(caller, access.scheme(caller, code), request);
        return HttpResponse.created(PartyView.of(partner, code), URI.create("/v1/partners/" + partner.id()));
    }

    @Get("/partners/{id}")
    @Secured({Roles.ADMIN, Roles.AUDITOR, Roles.PARTNER})
    public PartyView partner(Caller caller, String id) {
        Partner partner = access.partner(caller, id);
        return PartyView.of(partner, schemes.codeOf(partner.schemeId()));
    }
}
