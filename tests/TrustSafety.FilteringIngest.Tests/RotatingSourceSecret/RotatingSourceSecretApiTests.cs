using static TrustSafety.FilteringIngest.Tests.Fixtures.SourceGivens;

namespace TrustSafety.FilteringIngest.Tests.RotatingSourceSecret;

public sealed class RotatingSourceSecretApiTests(IngestApiFixture f) : IClassFixture<IngestApiFixture>
{
    private Task<SourceWithSecret> Blakehill(object? extra = null) => f.RegisterBlakehillAsync(extra);

    [Fact]
    public async Task after_rotation_old_and_new_secrets_both_work_and_revocation_ends_both()
    {
        var (source, oldSecret) = await Blakehill();
        using var admin = await f.ClientFor("it.blakehill");
        var rotated = (await (await admin.ChangeSourceAsync(source.Id, "rotate-secret", new { overlapMinutes = 60 }))
            .Content.ReadFromJsonAsync<SourceWithSecret>())!;
        rotated.Secret.ShouldNotBe(oldSecret);

        (await f.SendSigned(source.Id, oldSecret, Events((Unique(), "10.0.0.1", "gambling", 2)))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await f.SendSigned(source.Id, rotated.Secret, Events((Unique(), "10.0.0.1", "gambling", 2)))).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        (await admin.ChangeSourceAsync(source.Id, "revoke")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await f.SendSigned(source.Id, oldSecret, Events((Unique(), "10.0.0.1", "gambling", 2)))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await f.SendSigned(source.Id, rotated.Secret, Events((Unique(), "10.0.0.1", "gambling", 2)))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
