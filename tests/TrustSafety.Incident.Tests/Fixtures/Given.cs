using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.ReportingConcern;

namespace TrustSafety.Incident.Tests.Fixtures;

/// <summary>Builds incident states by folding events, exactly as the store does.</summary>
internal static class Given
{
    public static readonly DateTimeOffset Now = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);
    public static readonly Actor Dsl = new("dsl-1", "Dana DSL", ["dsl"]);
    public static readonly Actor Deputy = new("deputy-1", "Dev Deputy", ["deputy-dsl"]);
    public static readonly Actor Head = new("head-1", "Hana Head", ["headteacher"]);
    public static readonly Actor Staff = new("staff-1", "Sam Staff", ["staff"]);
    public static readonly Actor OtherStaff = new("staff-2", "Sol Staff", ["staff"]);

    public static ReportConcernRequest AReport(string role = "child-victim", string? suggestedCategory = null) => new(
        Now.AddHours(-2), "Messages sent in a group chat", new LocationInput("off-site", "personal-device", null),
        "Disclosure to class teacher", [new PersonInput(role, role.StartsWith("child") ? "P-100" : null,
            role.StartsWith("staff") ? "S-9" : null, null), new PersonInput("child-instigator", "P-200", null, null)],
        suggestedCategory);

    public static OnlineSafetyIncident Reported(string role = "child-victim", string? category = null, Actor? by = null)
    {
        var decision = ReportConcern.Decide(Guid.CreateVersion7(), AReport(role, category), by ?? Staff, Now.AddHours(-1));
        return OnlineSafetyIncident.Create((ConcernReported)decision.Events.Single());
    }

    public static OnlineSafetyIncident Triaged(string category = "cyberbullying", string role = "child-victim")
    {
        var incident = Reported(role);
        incident.Apply(new IncidentTriaged(incident.Id, Dsl.Id, Dsl.Name, Now, incident.ReportedAt, false, category, "2025.1",
            "conduct", 3, Dsl.Id, Dsl.Name, "Repeated unkind messages"));
        return incident;
    }

    public static OnlineSafetyIncident WithReferral(OnlineSafetyIncident incident, Guid referralId, DateOnly madeOn, DateOnly dueOn)
    {
        incident.Apply(new ReferralMade(incident.Id, referralId, Dsl.Id, Dsl.Name, Now, "childrens-social-care", "MASH-1", madeOn, dueOn, "threshold met"));
        return incident;
    }

    public static OnlineSafetyIncident Closed()
    {
        var incident = Triaged();
        incident.Apply(new IncidentClosed(incident.Id, Dsl.Id, Dsl.Name, Now, "Resolved", "Support in place", "Review group chat rules",
            incident.Category, incident.Severity, incident.ReportedAt, "support-in-place"));
        return incident;
    }

    public static void ShouldBeInvalid(this Decision decision, params string[] fields)
    {
        var invalid = decision.Rejection.ShouldBeOfType<InvalidInput>();
        foreach (var field in fields) invalid.Errors.Keys.ShouldContain(field);
        invalid.Errors.Count.ShouldBe(fields.Length, $"errors: {string.Join(", ", invalid.Errors.Keys)}");
        decision.Events.ShouldBeEmpty();
    }

    public static void ShouldBeForbidden(this Decision decision, string titleContains)
    {
        decision.Rejection.ShouldBeOfType<NotPermitted>().Title.ShouldContain(titleContains);
        decision.Events.ShouldBeEmpty();
    }

    public static void ShouldBeConflict(this Decision decision, string titleContains)
    {
        decision.Rejection.ShouldBeOfType<NotAllowedNow>().Title.ShouldContain(titleContains);
        decision.Events.ShouldBeEmpty();
    }

    public static T ShouldAccept<T>(this Decision decision)
    {
        decision.Rejection.ShouldBeNull();
        return decision.Events.ShouldHaveSingleItem().ShouldBeOfType<T>();
    }
}
