using TrustSafety.Notifications.Notices;
using TrustSafety.Notifications.Recipients;

namespace TrustSafety.Notifications.Tests.Recipients;

public sealed class RecipientSelectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static StaffPreferences Person(string id, string role, string? email = "x@school.example", DateTimeOffset? away = null,
        DeputyCover cover = DeputyCover.WhenDslUnavailable, bool urgent = true) =>
        new() { Id = id, Name = id, Roles = [role], Email = email, AwayUntil = away, DeputyCover = cover, UrgentEmails = urgent };

    private static string[] Chosen(Audience audience, params StaffPreferences[] people) =>
        [.. RecipientSelection.For(audience, people, Now).Select(p => p.Id).Order()];

    public static TheoryData<string, Audience, StaffPreferences[], string[]> Cases => new()
    {
        { "the DSL, not the deputy, when the DSL is in", Audience.SafeguardingTeam,
            [Person("dsl", "dsl"), Person("deputy", "deputy-dsl"), Person("head", "headteacher")], ["dsl"] },
        { "the deputy who asked for every email, with the DSL", Audience.SafeguardingTeam,
            [Person("dsl", "dsl"), Person("deputy", "deputy-dsl", cover: DeputyCover.Always)], ["deputy", "dsl"] },
        { "the deputy when the DSL is out of office", Audience.SafeguardingTeam,
            [Person("dsl", "dsl", away: Now.AddDays(1)), Person("deputy", "deputy-dsl")], ["deputy"] },
        { "the DSL again once back", Audience.SafeguardingTeam,
            [Person("dsl", "dsl", away: Now.AddMinutes(-1)), Person("deputy", "deputy-dsl")], ["dsl"] },
        { "the deputy when the DSL has no address", Audience.SafeguardingTeam,
            [Person("dsl", "dsl", email: null), Person("deputy", "deputy-dsl")], ["deputy"] },
        { "the deputy when the DSL turned urgent emails off", Audience.SafeguardingTeam,
            [Person("dsl", "dsl", urgent: false), Person("deputy", "deputy-dsl")], ["deputy"] },
        { "the headteacher when no DSL or deputy can be reached", Audience.SafeguardingTeam,
            [Person("dsl", "dsl", away: Now.AddDays(1)), Person("head", "headteacher")], ["head"] },
        { "nobody when nobody set an address", Audience.SafeguardingTeam,
            [Person("dsl", "dsl", email: null), Person("staff", "staff")], [] },
        { "an allegation: DSL and headteacher, never the deputy", Audience.AllegationReaders,
            [Person("dsl", "dsl"), Person("deputy", "deputy-dsl", cover: DeputyCover.Always), Person("head", "headteacher")], ["dsl", "head"] },
        { "an allegation with the DSL away: the headteacher alone", Audience.AllegationReaders,
            [Person("dsl", "dsl", away: Now.AddDays(1)), Person("deputy", "deputy-dsl"), Person("head", "headteacher")], ["head"] },
        { "the trust's notices: the trust lead only", Audience.TrustLead,
            [Person("lead", "trust-lead"), Person("dsl", "dsl")], ["lead"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void recipients_are_chosen_from_the_schools_own_preferences(string because, Audience audience, StaffPreferences[] people, string[] expected)
    {
        Chosen(audience, people).ShouldBe(expected, because);
    }
}
