using TrustSafety.Consent.Aups;
using static TrustSafety.Consent.Tests.Fixtures.ConsentApiFixture;

namespace TrustSafety.Consent.Tests.SigningAups;

/// <summary>AUP signatures on the one change path: a first signature starts the signatory's stream, signing again changes nothing.</summary>
public sealed class SigningAupsApiTests(ConsentApiFixture fixture) : IClassFixture<ConsentApiFixture>, IAsyncLifetime
{
    private HttpClient _dsl = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync() => (_dsl, _staff) = await fixture.BlakehillAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_first_signature_starts_a_signatory_stream_and_expects_the_person_and_signing_again_changes_nothing()
    {
        var teacher = "t-" + Guid.NewGuid().ToString("N")[..8];
        await _dsl.HasAup("staff", "Staff AUP");

        var first = await _staff.PostAsJsonAsync("/aups/staff/signatures", new { personId = teacher, channel = "paper" });
        var again = await _staff.PostAsJsonAsync("/aups/staff/signatures", new { personId = teacher, channel = "online" });

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var signed = await first.Content.ReadFromJsonAsync<JsonElement>();
        signed.GetProperty("state").GetString().ShouldBe("Current");
        (await again.Content.ReadAsStringAsync()).ShouldBe(signed.GetRawText(), "the same signature, still the first one");
        var state = (await fixture.StateOf(StreamIds.AupSignatory("staff", teacher))).ShouldNotBeNull();
        state.AggregateType.ShouldBe(typeof(AupSignatory));
        state.Version.ShouldBe(1);
        await using var session = fixture.Store.QuerySession(School);
        (await session.LoadAsync<AupPerson>(AupPerson.KeyOf("staff", teacher))).ShouldNotBeNull().Active.ShouldBeTrue();
    }
}
