using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using TrustSafety.EventSourcing;
using TrustSafety.Incident.RoutingIncidents;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.RoutingIncidents;

/// <summary>
/// Issue 20: publishing route rules is on the change path for documents (<see cref="Keep.Document{TDoc, TResult}"/>): the
/// latest version is the set's revision; racing publications over one version: one is published, the others get 412.
/// </summary>
public sealed class KeepingRouteRulesTests(IncidentApiFixture fixture) : IClassFixture<IncidentApiFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Dsl = new("dsl-1", "Dana DSL", ["dsl"]);

    [Fact]
    public void a_route_rules_publication_is_the_next_version_over_the_current_one()
    {
        var request = new PublishRouteRulesRequest([new("illegal", "The activity is illegal", null, new RouteCondition(Illegal: true),
            ["consult-advice-line"], null)], " Annual review ");

        var decision = RouteRulesApi.DecidePublication(DefaultRouteRules.Set, request, Dsl, Now);

        var published = decision.Stored.ShouldNotBeNull();
        published.RulesVersion.ShouldBe(DefaultRouteRules.Set.RulesVersion + 1);
        published.Id.ShouldBe(RouteRuleSet.IdOf(published.RulesVersion));
        published.Rationale.ShouldBe("Annual review");
        published.PublishedByName.ShouldBe("Dana DSL");
    }

    [Fact]
    public async Task two_publications_over_the_same_version_at_once_one_is_published_the_others_get_412()
    {
        var lead = await fixture.ClientFor("trust.lead");
        var body = new
        {
            rationale = "Annual review",
            rules = new object[] { new { id = "illegal", description = "The activity is illegal", when = new { illegal = true }, required = new[] { "refer-police" } } },
        };

        var statuses = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/route-rules") { Content = JsonContent.Create(body) };
            request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
            using var response = await lead.Http.SendAsync(request);
            return response.StatusCode;
        }));

        statuses.Count(s => s == HttpStatusCode.Created).ShouldBe(1);
        statuses.Count(s => s == HttpStatusCode.PreconditionFailed).ShouldBe(3);
        using var current = await lead.Http.GetAsync("/route-rules");
        current.Headers.ETag!.Tag.ShouldBe("\"2\"");
    }
}
