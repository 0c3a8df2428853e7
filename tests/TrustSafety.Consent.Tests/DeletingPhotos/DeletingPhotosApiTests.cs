using static TrustSafety.Consent.Tests.Fixtures.ConsentApiFixture;

namespace TrustSafety.Consent.Tests.DeletingPhotos;

/// <summary>Leavers whose photographs are due for deletion, through the API.</summary>
public sealed class DeletingPhotosApiTests(ConsentApiFixture fixture) : IClassFixture<ConsentApiFixture>, IAsyncLifetime
{
    private HttpClient _dsl = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync() => (_dsl, _staff) = await fixture.BlakehillAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task photos_of_leavers_are_due_for_deletion_at_once_without_retention_consent_and_after_three_years_with_it()
    {
        var (kept, notKept) = (NewPupil(), NewPupil());
        var left = fixture.Today.AddDays(-1);
        await _dsl.Enrol(kept, "6L", 6, $"{left:yyyy-MM-dd}");
        await _dsl.Enrol(notKept, "6L", 6, $"{left:yyyy-MM-dd}");
        await _staff.Answer(kept, "photo-retention", given: true, respondedOn: $"{left.AddDays(-10):yyyy-MM-dd}");

        var now = await _dsl.GetFromJsonAsync<JsonElement>("/retention/due");
        var ids = now.EnumerateArray().Select(e => e.GetProperty("pupilId").GetString()).ToList();
        ids.ShouldContain(notKept);
        ids.ShouldNotContain(kept);
        var later = await _dsl.GetFromJsonAsync<JsonElement>($"/retention/due?on={left.AddYears(3).AddDays(1):yyyy-MM-dd}");
        later.EnumerateArray().Single(e => e.GetProperty("pupilId").GetString() == kept)
            .GetProperty("reason").GetString().ShouldBe("retention-period-ended");
    }
}
