using static TrustSafety.Consent.Tests.Fixtures.ConsentApiFixture;

namespace TrustSafety.Consent.Tests.WithdrawingConsent;

/// <summary>A guardian's withdrawal through the API: it takes effect at once.</summary>
public sealed class WithdrawingConsentApiTests(ConsentApiFixture fixture) : IClassFixture<ConsentApiFixture>, IAsyncLifetime
{
    private HttpClient _dsl = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync() => (_dsl, _staff) = await fixture.BlakehillAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task may_publish_turns_to_no_at_once_after_a_withdrawal()
    {
        var pupil = NewPupil();
        await _dsl.Enrol(pupil);
        await _staff.Answer(pupil, "website", given: true);
        (await _staff.MayPublish(pupil, "website")).Allowed.ShouldBeTrue();

        (await _staff.Withdraw(pupil, "website")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var answer = await _staff.MayPublish(pupil, "website");
        answer.Allowed.ShouldBeFalse();
        answer.Basis.ShouldBe("withdrawn");
        answer.Evidence.ShouldNotBeNull().Channel.ShouldBe("email");
    }
}
