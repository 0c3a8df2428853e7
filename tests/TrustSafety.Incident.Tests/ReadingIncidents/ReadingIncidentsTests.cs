using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.ReadingIncidents;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.ReadingIncidents;

public sealed class ReadingIncidentsTests
{
    [Fact]
    public void a_pupils_chronology_spans_incidents_in_time_order_without_other_pupils_sanctions()
    {
        var first = Given.Triaged();
        first.Apply(new SanctionApplied(first.Id, Guid.NewGuid(), "d", "D", Given.Now.AddHours(1), "Detention", "P-200", "r"));
        first.Apply(new SupportOffered(first.Id, Guid.NewGuid(), "d", "D", Given.Now.AddHours(2), "Pastoral", "P-100", "r"));
        var second = Given.Reported();

        var chronology = ReadIncidents.PupilChronologyOf("P-100", [first, second]);

        chronology.Incidents.ShouldBe(2);
        chronology.Entries.ShouldBeInOrder(SortDirection.Ascending, Comparer<ChronologyEntry>.Create((a, b) => a.At.CompareTo(b.At)));
        chronology.Entries.ShouldNotContain(e => e.Summary == "Detention");
        chronology.Entries.ShouldContain(e => e.Summary == "Pastoral" && e.PupilRole == "child-victim");
    }
}
