using TrustSafety.Reporting.Incidents;

namespace TrustSafety.Reporting.Tests.Incidents;

public sealed class IncidentLedgerTests
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly DateTimeOffset T0 = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    private static ReportedIncident Reported(string? category = "other") =>
        new() { Id = Id, SchoolUrn = "141001", ReportedAt = T0, HappenedAt = T0, Source = "staff", Category = category };

    private static TriagedIncident Triaged() => new()
    {
        Id = Id, SchoolUrn = "141001", ReportedAt = T0, FirstTriagedAt = T0.AddHours(5), LastTriagedAt = T0.AddHours(5),
        Category = "cyberbullying", FourC = "conduct", Severity = 3,
    };

    private static IncidentStatusChange Change(bool closed, int hours) =>
        new() { Id = Guid.NewGuid(), IncidentId = Id, SchoolUrn = "141001", Closed = closed, At = T0.AddHours(hours), Outcome = closed ? "resolved" : null };

    [Fact]
    public void a_triage_without_its_report_still_counts_the_incident()
    {
        var row = IncidentLedger.Build([], [Triaged()], []).ShouldHaveSingleItem();
        row.ReportedAt.ShouldBe(T0);
        row.Category.ShouldBe("cyberbullying");
        row.Open.ShouldBeTrue();
    }

    [Theory]
    [InlineData(null, "uncategorised")]
    [InlineData("", "uncategorised")]
    [InlineData("online-hate", "online-hate")]
    public void an_untriaged_incident_keeps_its_reported_category(string? category, string expected) =>
        IncidentLedger.Build([Reported(category)], [], []).Single().Category.ShouldBe(expected);

    [Fact]
    public void the_triaged_category_replaces_the_reported_one() =>
        IncidentLedger.Build([Reported("other")], [Triaged()], []).Single().Category.ShouldBe("cyberbullying");

    [Theory]
    [InlineData(new[] { true }, false)]
    [InlineData(new[] { true, false }, true)]
    [InlineData(new[] { true, false, true }, false)]
    public void the_latest_closure_or_reopening_decides_whether_it_is_open_whatever_order_they_arrived(bool[] closures, bool open)
    {
        var changes = closures.Select((closed, i) => Change(closed, i + 1)).Reverse().ToList();
        IncidentLedger.Build([Reported()], [], changes).Single().Open.ShouldBe(open);
    }
}
