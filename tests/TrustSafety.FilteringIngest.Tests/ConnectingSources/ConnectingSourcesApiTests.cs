using Marten;

using static TrustSafety.FilteringIngest.Tests.Fixtures.SourceGivens;

namespace TrustSafety.FilteringIngest.Tests.ConnectingSources;

public sealed class ConnectingSourcesApiTests(IngestApiFixture f) : IClassFixture<IngestApiFixture>
{
    private Task<SourceWithSecret> Blakehill(object? extra = null) => f.RegisterBlakehillAsync(extra);

    [Fact]
    public async Task a_registered_source_shows_its_secret_once_and_stores_it_only_encrypted()
    {
        var created = await Blakehill();
        created.Secret.ShouldStartWith("whsec_");
        created.Source.SchoolUrn.ShouldBe("141001");

        using var admin = await f.ClientFor("it.blakehill");
        var read = await admin.GetStringAsync($"/sources/{created.Source.Id}");
        read.ShouldNotContain(created.Secret[6..]);
        await using var session = f.Host.Services.GetRequiredService<IDocumentStore>().QuerySession(IngestTenants.Trust);
        var json = await session.Json.FindByIdAsync<Source>(created.Source.Id);
        json!.ShouldNotContain(created.Secret[6..]);
    }

    [Fact]
    public async Task another_schools_admin_gets_404_and_a_school_admin_cannot_register_for_another_school()
    {
        var (source, _) = await Blakehill();
        using var trustAdmin = await f.ClientFor("it.admin");
        (await trustAdmin.GetAsync($"/sources/{source.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var dsl = await f.ClientFor("dsl.caldecote");
        (await dsl.GetAsync($"/sources/{source.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var blakehillAdmin = await f.ClientFor("it.blakehill");
        var refused = await blakehillAdmin.PostAsJsonAsync("/sources", new { name = "x", format = "cef", schoolUrn = "141002" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("schoolUrn");
        var trustSource = await f.RegisterAsync("it.admin", new { name = "trust " + Unique(), format = "cef" });
        (await blakehillAdmin.GetAsync($"/sources/{trustSource.Source.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
