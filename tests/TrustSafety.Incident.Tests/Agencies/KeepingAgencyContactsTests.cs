using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using TrustSafety.EventSourcing;
using TrustSafety.Incident.Agencies;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.Agencies;

/// <summary>
/// Issue 20: the agencies directory is a document a person edits, kept on the change path for documents
/// (<see cref="Keep.Document{TDoc, TResult}"/>): If-Match, a lock per document, the revision check, a pure decider.
/// Editors racing with the same If-Match: one is saved, the others get 412 (as before the move, now by the path itself).
/// </summary>
public sealed class KeepingAgencyContactsTests(IncidentApiFixture fixture) : IClassFixture<IncidentApiFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Dsl = new("dsl-1", "Dana DSL", ["dsl"]);

    [Fact]
    public void an_agency_contact_is_the_next_revision_at_the_editors_level_and_names_who_set_it()
    {
        var first = AgenciesApi.DecideContact(null, "lado", new("  County LADO ", "01902 550000", null, null, null, null), Dsl, Now);
        first.Rejection.ShouldBeNull();
        first.Stored.ShouldNotBeNull().Revision.ShouldBe(1);
        first.Stored.Details.Name.ShouldBe("County LADO");
        first.Stored.UpdatedByName.ShouldBe("Dana DSL");
        first.Stored.UpdatedAt.ShouldBe(Now);

        var second = AgenciesApi.DecideContact(first.Stored, "lado", new("County LADO", null, null, "lado@council.gov.uk", null, null), Dsl, Now);
        second.Stored.ShouldNotBeNull().Revision.ShouldBe(2);
    }

    [Fact]
    public void an_agency_contact_with_bad_fields_is_refused_naming_each_field()
    {
        var errors = AgenciesApi.Validate(new("", null, null, null, "not a url", null));

        errors.ToDictionary().Keys.ShouldBe(["name", "web"], ignoreOrder: true);
    }

    [Fact]
    public async Task two_editors_sending_the_same_if_match_at_once_one_is_saved_the_others_get_412_with_the_saved_revision()
    {
        var dsl = await fixture.ClientFor("dsl.caldecote");
        async Task<(HttpStatusCode StatusCode, string Body)> PutAsync(string name, string ifMatch)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, "/agencies/police") { Content = JsonContent.Create(new { name, phone = "101" }) };
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
            using var response = await dsl.Http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        (await PutAsync("Police contact", "\"0\"")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // An existing entry: every editor reads revision 1 before any of them saves.
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => PutAsync($"Police contact {i}", "\"1\"")));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1, string.Join("\n", answers));
        answers.Count(a => a.StatusCode == HttpStatusCode.PreconditionFailed).ShouldBe(5, string.Join("\n", answers));
        var entry = (await dsl.GetJsonAsync("/agencies")).EnumerateArray().Single(e => e.GetProperty("code").GetString() == "police");
        entry.GetProperty("editRevision").GetInt32().ShouldBe(2);
    }
}
