using static TrustSafety.FilteringIngest.Tests.Fixtures.SourceGivens;

namespace TrustSafety.FilteringIngest.Tests.RevokingSources;

/// <summary>
/// A source's changes name the revision they were made on (If-Match), so none is written over: a rotation an admin
/// started before a colleague revoked the source is refused, and the vendor's secrets stay dead.
/// </summary>
public sealed class RevokingSourcesApiTests(IngestApiFixture f) : IClassFixture<IngestApiFixture>
{
    [Fact]
    public async Task a_rotation_made_on_the_revision_before_a_revocation_is_refused_and_the_source_stays_revoked()
    {
        var (source, secret) = await f.RegisterBlakehillAsync();
        using var admin = await f.ClientFor("it.blakehill");
        using var colleague = await f.ClientFor("it.blakehill");
        using var read = await admin.GetAsync($"/sources/{source.Id}");
        var before = read.Headers.ETag!.Tag;
        before.ShouldBe("\"1\"");

        using var revoked = await colleague.SendAsync(SourceChange(source.Id, "revoke", before));
        revoked.StatusCode.ShouldBe(HttpStatusCode.OK, await revoked.Content.ReadAsStringAsync());
        revoked.Headers.ETag!.Tag.ShouldBe("\"2\"");
        using var rotated = await admin.SendAsync(SourceChange(source.Id, "rotate-secret", before, new { overlapMinutes = 60 }));

        rotated.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed, await rotated.Content.ReadAsStringAsync());
        (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("currentVersion").GetInt64().ShouldBe(2);
        var now = await admin.GetFromJsonAsync<SourceView>($"/sources/{source.Id}");
        now!.State.ShouldBe(SourceStates.Revoked);
        now.Revision.ShouldBe(2);
        now.SecretsValidUntil.ShouldBeEmpty();
        (await f.SendSigned(source.Id, secret, Events((Unique(), "10.0.0.1", "gambling", 2)))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task changes_sent_at_once_on_one_revision_make_exactly_one_change()
    {
        var (source, _) = await f.RegisterBlakehillAsync();
        using var admin = await f.ClientFor("it.blakehill");
        string[] changes = ["pause", "revoke", "rotate-secret", "pause", "revoke", "rotate-secret"];

        var answers = await Task.WhenAll(changes.Select(async change =>
        {
            using var response = await admin.SendAsync(SourceChange(source.Id, change, "\"1\""));
            return response.StatusCode;
        }));

        answers.Count(a => a == HttpStatusCode.OK).ShouldBe(1, string.Join(", ", answers));
        answers.Count(a => a == HttpStatusCode.PreconditionFailed).ShouldBe(changes.Length - 1, string.Join(", ", answers));
        (await admin.GetFromJsonAsync<SourceView>($"/sources/{source.Id}"))!.Revision.ShouldBe(2);
    }

    [Fact]
    public async Task a_change_without_if_match_is_428_and_a_change_to_a_source_the_caller_cannot_see_is_404()
    {
        var (source, _) = await f.RegisterBlakehillAsync();
        var (caldecotes, _) = await f.RegisterAsync("it.admin", new { name = "Caldecote canonical " + Unique(), format = "canonical-json", schoolUrn = "141002" });
        using var admin = await f.ClientFor("it.blakehill");
        using var trust = await f.ClientFor("it.admin");

        using var unnamed = await admin.SendAsync(SourceChange(source.Id, "pause", ifMatch: null));
        unnamed.StatusCode.ShouldBe((HttpStatusCode)428, await unnamed.Content.ReadAsStringAsync());
        using var elsewhere = await admin.SendAsync(SourceChange(caldecotes.Id, "revoke", "\"1\""));
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.NotFound, await elsewhere.Content.ReadAsStringAsync());

        (await admin.GetFromJsonAsync<SourceView>($"/sources/{source.Id}"))!.State.ShouldBe(SourceStates.Active);
        (await trust.GetFromJsonAsync<SourceView>($"/sources/{caldecotes.Id}"))!.State.ShouldBe(SourceStates.Active);
    }
}
