using System.Net;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using TrustSafety.Contracts.Consent;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Contracts.Reference;
using TrustSafety.Incident.OpeningConcernFromFilterAlert;
using TrustSafety.Incident.Tests.Fixtures;
using TrustSafety.Testing;

namespace TrustSafety.Incident.Tests.OpeningConcernFromFilterAlert;

/// <summary>
/// Filter alerts become actionable: consent's roster events (account references, date of birth) arrive over the real
/// RabbitMQ, then a vendor's alert for that account opens a concern about that pupil (or, for a staff account, a possible
/// allegation only the DSL and headteacher see).
/// </summary>
public sealed class AlertSubjectTests(IncidentApiFixture fixture) : IClassFixture<IncidentApiFixture>
{
    private IBus Bus => fixture.Host.Services.GetRequiredService<IBus>();

    private static SafeguardingAlertRaised Alert(string account, string category = "self-harm", string fourC = "content") => new(
        Guid.NewGuid(), "141001", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(-1), "smoothwall", Guid.NewGuid(), category, fourC,
        4, "blocked", null, "how to hurt myself", null, SignInAccountRef.Of(account), "10.1.4.23", "Critical",
        "https://monitor.smoothwall.example/alerts/8812");

    private async Task<JsonElement> OpenedFrom(IncidentClient dsl, Guid alertId) =>
        await Eventually.Returns(async () =>
        {
            foreach (var id in await dsl.ListAsync())
            {
                var (incident, _) = await dsl.GetAsync(id, "test: find the filter alert");
                if (incident.GetProperty("filterAlert") is { ValueKind: JsonValueKind.Object } a && a.GetProperty("alertId").GetGuid() == alertId)
                    return (JsonElement?)incident;
            }
            return null;
        }, i => i is not null, TimeSpan.FromSeconds(30), "the concern opened from the alert") ?? default;

    private async Task<string> PupilOnRoster(string account, DateOnly born)
    {
        var pupilId = $"p-{Guid.NewGuid():N}";
        await Bus.Publish(new PupilDateOfBirthRecorded("141001", DateTimeOffset.UtcNow, pupilId, born));
        await Bus.Publish(new PupilSignInAccountsChanged("141001", DateTimeOffset.UtcNow, pupilId, [SignInAccountRef.Of(account)!]));
        await Eventually.True(async () =>
        {
            await using var session = fixture.Host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession("141001");
            var person = await session.LoadAsync<KnowingTheRoster.RosterPerson>($"pupil:{pupilId}");
            return (await session.LoadAsync<KnowingTheRoster.PupilBirthDate>(pupilId))?.DateOfBirth == born && person?.AccountRefs.Count == 1;
        }, TimeSpan.FromSeconds(30), "the roster's account and date of birth reached incident");
        return pupilId;
    }

    [Fact]
    public async Task a_vendors_self_harm_alert_for_a_pupils_account_opens_a_concern_about_that_pupil_with_the_alerts_detail()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var account = $"c.okafor.{Guid.NewGuid():N}@blakehill.sch.uk";
        var pupilId = await PupilOnRoster(account, new DateOnly(2015, 3, 14));
        var alert = Alert(account.ToUpperInvariant());

        await Bus.Publish(alert);
        var incident = await OpenedFrom(dsl, alert.AlertId);

        var person = incident.GetProperty("people").EnumerateArray().ShouldHaveSingleItem();
        person.GetProperty("pupilId").GetString().ShouldBe(pupilId);
        person.GetProperty("dateOfBirth").GetString().ShouldBe("2015-03-14");
        incident.GetProperty("suggestedCategory").GetString().ShouldBe(OpenConcernFromFilterAlert.SuggestedCategory("self-harm"));
        incident.GetProperty("allegationAgainstStaff").GetBoolean().ShouldBeFalse();
        incident.GetProperty("whatHappened").GetString()!.ShouldContain("a pupil's on the school roster");
        var details = incident.GetProperty("filterAlert");
        details.GetProperty("vendor").GetString().ShouldBe("smoothwall");
        details.GetProperty("vendorSeverity").GetString().ShouldBe("Critical");
        details.GetProperty("searchTerm").GetString().ShouldBe("how to hurt myself");
        details.GetProperty("vendorLink").GetString().ShouldBe("https://monitor.smoothwall.example/alerts/8812");

        var id = incident.GetProperty("id").GetGuid();
        var (forDeputy, _) = await (await fixture.ClientFor("deputy.blakehill")).GetAsync(id);
        forDeputy.GetProperty("filterAlert").GetProperty("searchTerm").GetString().ShouldBe("how to hurt myself");
        var (forHead, _) = await (await fixture.ClientFor("head.blakehill")).GetAsync(id);
        forHead.GetProperty("filterAlert").GetProperty("searchTerm").ValueKind.ShouldBe(JsonValueKind.Null);
        forHead.GetProperty("filterAlert").GetProperty("vendorLink").ValueKind.ShouldBe(JsonValueKind.Null);
        forHead.GetProperty("filterAlert").GetProperty("vendorSeverity").GetString().ShouldBe("Critical");
        (await (await fixture.ClientFor("dsl.caldecote")).StatusOfGetAsync($"/incidents/{id}")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_alert_on_a_staff_account_is_a_possible_allegation_the_deputy_cannot_see()
    {
        var account = $"t.teacher.{Guid.NewGuid():N}@blakehill.sch.uk";
        var staffId = $"staff-{Guid.NewGuid():N}";
        await Bus.Publish(new StaffSignInAccountsChanged("141001", DateTimeOffset.UtcNow, staffId, [SignInAccountRef.Of(account)!]));
        await Eventually.True(async () =>
        {
            await using var session = fixture.Host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession("141001");
            return await session.LoadAsync<KnowingTheRoster.AccountOwner>(SignInAccountRef.Of(account)!) is not null;
        }, TimeSpan.FromSeconds(30), "the staff account reached incident");
        var alert = Alert(account, "pornography", "content");

        await Bus.Publish(alert);
        var incident = await OpenedFrom(await fixture.ClientFor("dsl.blakehill"), alert.AlertId);

        incident.GetProperty("allegationAgainstStaff").GetBoolean().ShouldBeTrue();
        incident.GetProperty("people")[0].GetProperty("staffId").GetString().ShouldBe(staffId);
        var id = incident.GetProperty("id").GetGuid();
        (await (await fixture.ClientFor("head.blakehill")).StatusOfGetAsync($"/incidents/{id}")).ShouldBe(HttpStatusCode.OK);
        (await (await fixture.ClientFor("deputy.blakehill")).StatusOfGetAsync($"/incidents/{id}")).ShouldBe(HttpStatusCode.NotFound);
        (await (await fixture.ClientFor("dsl.caldecote")).StatusOfGetAsync($"/incidents/{id}")).ShouldBe(HttpStatusCode.NotFound);
    }
}
