using static TrustSafety.FilteringIngest.Tests.Fixtures.SourceGivens;

namespace TrustSafety.FilteringIngest.Tests.PausingSources;

public sealed class PausingSourcesApiTests(IngestApiFixture f) : IClassFixture<IngestApiFixture>
{
    private Task<SourceWithSecret> Blakehill(object? extra = null) => f.RegisterBlakehillAsync(extra);

    [Fact]
    public async Task a_paused_source_is_refused_until_resumed()
    {
        var (source, secret) = await Blakehill();
        using var admin = await f.ClientFor("it.blakehill");
        (await admin.ChangeSourceAsync(source.Id, "pause")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await f.SendSigned(source.Id, secret, Events((Unique(), "10.0.0.1", "gambling", 2)))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await admin.ChangeSourceAsync(source.Id, "resume")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await f.SendSigned(source.Id, secret, Events((Unique(), "10.0.0.1", "gambling", 2)))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }
}
