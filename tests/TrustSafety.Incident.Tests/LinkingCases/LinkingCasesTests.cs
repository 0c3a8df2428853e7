using TrustSafety.Incident.LinkingCases;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.LinkingCases;

/// <summary>Issue 15: the pure deciders of linking a case with another school of the trust.</summary>
public sealed class LinkingCasesTests
{
    private static readonly IReadOnlyDictionary<string, string> Schools = new Dictionary<string, string>
    {
        ["141001"] = "Blakehill Primary", ["141002"] = "Caldecote Primary", ["141003"] = "Stow Heath Primary",
    };

    private static CaseLinkRequest LinkRequest(string? school = "141002") =>
        new(school, "Two pupils exchanged threats in a shared gaming group", "Agree support for both pupils", "KCSIE; UK GDPR 6(1)(e)");

    [Fact]
    public void a_link_is_asked_only_of_another_school_of_the_trust_with_what_is_shared_and_why()
    {
        LinkCases.Request("141001", Guid.NewGuid(), LinkRequest(), Schools, false, Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldAccept<CaseLinkRequested>().ToSchool.ShouldBe("141002");
        LinkCases.Request("141001", Guid.NewGuid(), LinkRequest("141001"), Schools, false, Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeInvalid("schoolUrn");
        LinkCases.Request("141001", Guid.NewGuid(), LinkRequest("999999"), Schools, false, Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeInvalid("schoolUrn");
        LinkCases.Request("141001", Guid.NewGuid(), new(null, null, null, null), Schools, false, Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeInvalid("schoolUrn", "sharedSummary", "purpose", "lawfulBasis");
        LinkCases.Request("141001", Guid.NewGuid(), LinkRequest(), Schools, true, Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeConflict("already open");
    }

    [Fact]
    public void only_the_asked_school_answers_a_link_and_only_once()
    {
        var link = CaseLink.Create((CaseLinkRequested)LinkCases.Request("141001", Guid.NewGuid(), LinkRequest(), Schools, false, Given.Dsl,
            Given.Now, Guid.NewGuid()).Events.Single());
        LinkCases.Accept(link, "141001", new(null, null, "ok"), false, Given.Dsl, Given.Now).ShouldBeForbidden("Only the asked school");
        LinkCases.Accept(link, "141002", new(Guid.NewGuid(), null, "ok"), false, Given.Dsl, Given.Now).ShouldBeInvalid("incidentId");
        LinkCases.Decline(link, "141002", new(""), Given.Dsl, Given.Now).ShouldBeInvalid("rationale");

        var accepted = LinkCases.Accept(link, "141002", new(null, "Our pupil is supported by the pastoral team", "Both schools' pupils"), false,
            Given.Dsl, Given.Now).ShouldAccept<CaseLinkAccepted>();
        link.Apply(accepted);
        link.Status.ShouldBe(CaseLinkStatus.Accepted);
        link.Shares.Select(s => s.School).ShouldBe(["141001", "141002"]);
        LinkCases.Decline(link, "141002", new("changed my mind"), Given.Dsl, Given.Now).ShouldBeConflict("already accepted");
    }
}
