using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.Tests.Fixtures;
using TrustSafety.Incident.TriagingIncident;

namespace TrustSafety.Incident.Tests.TriagingIncident;

public sealed class TriagingIncidentTests
{
    private static readonly TriageRequest Valid = new(false, "cyberbullying", "conduct", 3, "dsl-1", "Dana DSL", "Repeated messages");

    private static readonly Dictionary<string, TriageRequest> Breakages = new()
    {
        ["no illegal flag"] = Valid with { Illegal = null },
        ["unknown category"] = Valid with { Category = "spam" },
        ["no category"] = Valid with { Category = null },
        ["unknown 4C"] = Valid with { FourC = "commercial" },
        ["severity 0"] = Valid with { Severity = 0 },
        ["severity 6"] = Valid with { Severity = 6 },
        ["no severity"] = Valid with { Severity = null },
        ["no handler"] = Valid with { HandlerId = "" },
        ["no rationale"] = Valid with { Rationale = null },
    };

    [Theory]
    [InlineData("no illegal flag", "illegal")]
    [InlineData("unknown category", "category")]
    [InlineData("no category", "category")]
    [InlineData("unknown 4C", "fourC")]
    [InlineData("severity 0", "severity")]
    [InlineData("severity 6", "severity")]
    [InlineData("no severity", "severity")]
    [InlineData("no handler", "handlerId")]
    [InlineData("no rationale", "rationale")]
    public void a_triage_that_breaks_a_rule_is_rejected_naming_the_field(string breakage, string field) =>
        TriageIncident.Decide(Given.Reported(), Breakages[breakage], Given.Dsl, Given.Now).ShouldBeInvalid(field);

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void severity_from_1_to_5_is_accepted(int severity) =>
        TriageIncident.Decide(Given.Reported(), Valid with { Severity = severity }, Given.Dsl, Given.Now)
            .ShouldAccept<IncidentTriaged>().Severity.ShouldBe(severity);

    [Fact]
    public void a_closed_incident_cannot_be_triaged() =>
        TriageIncident.Decide(Given.Closed(), Valid, Given.Dsl, Given.Now).ShouldBeConflict("closed");

    [Fact]
    public void triage_records_the_category_list_version_and_report_time()
    {
        var incident = Given.Reported();
        var triaged = TriageIncident.Decide(incident, Valid with { Illegal = true }, Given.Dsl, Given.Now).ShouldAccept<IncidentTriaged>();
        triaged.CategoryListVersion.ShouldBe(TrustSafety.Contracts.Reference.IncidentCategories.Version);
        triaged.ReportedAt.ShouldBe(incident.ReportedAt);
        triaged.Illegal.ShouldBeTrue();
        triaged.By.ShouldBe(Given.Dsl.Id);
    }

    [Fact]
    public void an_incident_can_be_triaged_again_while_open() =>
        TriageIncident.Decide(Given.Triaged(), Valid with { Severity = 5 }, Given.Dsl, Given.Now).ShouldAccept<IncidentTriaged>();
}
