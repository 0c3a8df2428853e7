using static TrustSafety.Reporting.Tests.Fixtures.ReportingGivens;

namespace TrustSafety.Reporting.Tests.Incidents;

public sealed class IncidentConsumingApiTests(ReportingFixture fx) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task a_redelivered_event_is_counted_once()
    {
        var message = Reported(Blakehill, In(2031, 5), "grooming-exploitation");
        var messageId = Guid.NewGuid();
        await fx.Publish(message, messageId);
        await fx.Publish(message, messageId);
        await fx.Publish(Reported(Blakehill, In(2031, 5), "other"));

        var summary = await fx.SchoolSummaryOnce("dsl.blakehill", "2031-05", s => s["incidents"]!["total"]!["value"]!.Int() >= 2);
        SchoolCell(summary, Blakehill, "2031-05", "grooming-exploitation")!["value"].Int().ShouldBe(1);
    }

    [Fact]
    public async Task a_triage_that_arrives_before_its_report_counts_one_incident_in_the_triaged_category()
    {
        var id = Guid.CreateVersion7();
        var at = In(2031, 7);
        await fx.Publish(new IncidentTriaged(id, Blakehill, at.AddHours(3), at, "online-sexual-harassment", "contact", 4, false));
        await fx.Publish(Reported(Blakehill, at, "other", id));
        await fx.Publish(Reported(Blakehill, at, "data-breach"));

        // The triage has its own queue: wait for it too, not only for the two reports.
        var summary = await fx.SchoolSummaryOnce("dsl.blakehill", "2031-07", s => s["incidents"]!["total"]!["value"]!.Int() >= 2
            && SchoolCell(s, Blakehill, "2031-07", "online-sexual-harassment")?["value"]?.GetValue<int>() >= 1);
        summary["incidents"]!["total"]!["value"].Int().ShouldBe(2);
        SchoolCell(summary, Blakehill, "2031-07", "online-sexual-harassment")!["value"].Int().ShouldBe(1);
        SchoolCell(summary, Blakehill, "2031-07", "other")!["value"].Int().ShouldBe(0);
    }

    /// <summary>Issue 15: a category of list 2026.1 travels from the incident service's events into its own column, beside 2025.1's.</summary>
    [Fact]
    public async Task incidents_in_categories_added_in_2026_1_are_counted_in_their_own_columns()
    {
        var at = In(2031, 9);
        var selfHarm = Guid.CreateVersion7();
        await fx.Publish(Reported(Blakehill, at, "self-harm-suicide-eating-disorder", selfHarm));
        await fx.Publish(new IncidentTriaged(selfHarm, Blakehill, at.AddHours(2), at, "mental-health-concern", "content", 4, false));
        await fx.Publish(Reported(Blakehill, at, "fraud-phishing"));
        await fx.Publish(Reported(Blakehill, at, "staff-misuse"));

        var summary = await fx.SchoolSummaryOnce("dsl.blakehill", "2031-09", s => s["incidents"]!["total"]!["value"]!.Int() >= 3
            && SchoolCell(s, Blakehill, "2031-09", "mental-health-concern")?["value"]?.GetValue<int>() >= 1);
        summary["incidents"]!["total"]!["value"].Int().ShouldBe(3);
        SchoolCell(summary, Blakehill, "2031-09", "mental-health-concern")!["value"].Int().ShouldBe(1);
        SchoolCell(summary, Blakehill, "2031-09", "self-harm-suicide-eating-disorder")!["value"].Int().ShouldBe(0);
        SchoolCell(summary, Blakehill, "2031-09", "fraud-phishing")!["value"].Int().ShouldBe(1);
        SchoolCell(summary, Blakehill, "2031-09", "staff-misuse")!["value"].Int().ShouldBe(1);
        SchoolCell(summary, Blakehill, "2031-09", "copyright-plagiarism")!["value"].Int().ShouldBe(0);
    }
}
