using TrustSafety.Incident.Containing;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.Containing;

/// <summary>Issue 15: the pure deciders of containment (content blocked, reported, copies deleted once no agency needs them).</summary>
public sealed class ContainingTests
{
    [Fact]
    public void copies_are_deleted_only_after_the_dsl_records_that_no_agency_needs_them_and_after_the_last_referral()
    {
        var incident = Given.Triaged("cyberbullying");
        var delete = new ContainmentRequest(DateOnly.FromDateTime(Given.Now.UtcDateTime), "Copies on two pupils' phones", null, null);
        Contain.Record(incident, ContainmentKinds.CopiesDeleted, delete, Given.Dsl, Given.Now, Guid.NewGuid()).ShouldBeConflict("may not be deleted");

        Contain.ConfirmCopiesNotNeeded(incident, new("Police said no"), Given.Deputy, Given.Now, Guid.NewGuid()).ShouldBeForbidden("Only the DSL");
        incident.Apply(Contain.ConfirmCopiesNotNeeded(incident, new("No agency involved; parents agreed"), Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldAccept<CopiesNotNeededConfirmed>());
        Contain.Record(incident, ContainmentKinds.CopiesDeleted, delete, Given.Deputy, Given.Now, Guid.NewGuid())
            .ShouldAccept<ContainmentRecorded>().Kind.ShouldBe(ContainmentKinds.CopiesDeleted);

        incident.Apply(new ReferralMade(incident.Id, Guid.NewGuid(), Given.Dsl.Id, Given.Dsl.Name, Given.Now.AddHours(1), "police", "CAD-1",
            DateOnly.FromDateTime(Given.Now.UtcDateTime), DateOnly.FromDateTime(Given.Now.UtcDateTime).AddDays(3), "escalated"));
        Contain.Record(incident, ContainmentKinds.CopiesDeleted, delete, Given.Dsl, Given.Now.AddHours(2), Guid.NewGuid())
            .ShouldBeConflict("may not be deleted");
    }

    [Theory]
    [InlineData("content-blocked", null)]
    [InlineData("account-suspended", null)]
    [InlineData("reported-to-platform", "Snapchat")]
    [InlineData("url-reported-to-iwf", null)]
    public void other_containment_actions_need_only_what_and_when(string kind, string? platform)
    {
        var incident = Given.Triaged("cyberbullying");
        var recorded = Contain.Record(incident, kind, new(DateOnly.FromDateTime(Given.Now.UtcDateTime), "the group chat", platform, "REF-1"),
            Given.Deputy, Given.Now, Guid.NewGuid()).ShouldAccept<ContainmentRecorded>();
        incident.Apply(recorded);
        incident.Timeline.Last().Kind.ShouldBe("containment");
    }

    [Fact]
    public void a_containment_action_names_every_bad_field_and_an_unknown_kind()
    {
        var incident = Given.Triaged("cyberbullying");
        Contain.Record(incident, "burnt", new(null, null, null, null), Given.Dsl, Given.Now, Guid.NewGuid()).ShouldBeInvalid("kind");
        Contain.Record(incident, ContainmentKinds.ReportedToPlatform, new(DateOnly.FromDateTime(Given.Now.UtcDateTime).AddDays(1), null, null, null),
            Given.Dsl, Given.Now, Guid.NewGuid()).ShouldBeInvalid("doneOn", "what", "platform");
    }
}
