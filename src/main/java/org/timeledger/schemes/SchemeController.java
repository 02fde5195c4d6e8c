package org.timeledger.schemes;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import org.timeledger.access.Roles;
import org.timeledger.http.Cursors;
import org.timeledger.http.Page;
import org.timeledger.schemes.SchemeViews.MemberView;
import org.timeledger.schemes.SchemeViews.PartyView;
import org.timeledger.schemes.SchemeViews.SchemeView;

import java.net.URI;
import java.util.List;

@Controller("/v1")
@Secured(Roles.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SchemeController {
    private final SchemeService schemes;
    private final PartyService parties;

    public SchemeController(SchemeService schemes, PartyService parties) {
        this.schemes = schemes;
        this.parties = parties;
    }

    @Post("/schemes")
    public HttpResponse<SchemeView> create(@Body @Valid SchemeRequests.CreateScheme request) {
        Scheme scheme = schemes.create(request);
        return HttpResponse.created(SchemeView.of(scheme), URI.create("/v1/schemes/" + scheme.code()));
    }

    @Get("/schemes/{code}")
    public SchemeView get(String code) {
        return SchemeView.of(schemes.get(code));
    }

    @Post("/schemes/{code}/members")
    public HttpResponse<MemberView> registerMember(String code, @Body @Valid SchemeRequests.RegisterMember request) {
        Member member = parties.registerMember(code, request);
        return HttpResponse.created(MemberView.of(member, code), URI.create("/v1/members/" + member.id()));
    }

    @Get("/schemes/{code}/members")
    public Page<MemberView> members(String code, @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor) {
        int size = Cursors.limit(limit);
        String after = Cursors.decode(cursor, "");
        List<Member> page = parties.members(code, after, size + 1);
        List<MemberView> items = page.stream().limit(size).map(m -> MemberView.of(m, code)).toList();
        String next = page.size() > size ? Cursors.encode(items.get(size - 1).id()) : null;
        return new Page<>(items, next);
    }

    @Get("/members/{id}")
    public MemberView member(String id) {
        Member member = parties.member(id);
        return MemberView.of(member, schemes.codeOf(member.schemeId()));
    }

    @Post("/schemes/{code}/organisations")
    public HttpResponse<PartyView> registerOrganisation(String code, @Body @Valid SchemeRequests.RegisterParty request) {
        Organisation organisation = parties.registerOrganisation(code, request);
        return HttpResponse.created(PartyView.of(organisation, code), URI.create("/v1/organisations/" + organisation.id()));
    }

    @Get("/organisations/{id}")
    public PartyView organisation(String id) {
        Organisation organisation = parties.organisation(id);
        return PartyView.of(organisation, schemes.codeOf(organisation.schemeId()));
    }

    @Post("/schemes/{code}/partners")
    public HttpResponse<PartyView> registerPartner(String code, @Body @Valid SchemeRequests.RegisterParty request) {
        Partner partner = parties.registerPartner(code, request);
        return HttpResponse.created(PartyView.of(partner, code), URI.create("/v1/partners/" + partner.id()));
    }

    @Get("/partners/{id}")
    public PartyView partner(String id) {
        Partner partner = parties.partner(id);
        return PartyView.of(partner, schemes.codeOf(partner.schemeId()));
    }
}
