using TrustSafety.Consent.DeletingPhotos;
using static TrustSafety.Consent.Tests.Fixtures.Given;

namespace TrustSafety.Consent.Tests.DeletingPhotos;

/// <summary>GET /retention/due's rule: from which day a leaver's photographs must be gone.</summary>
public sealed class DeletingPhotosTests
{
    [Theory]
    [InlineData(null, null, null)]
    [InlineData("2026-07-22", false, "2026-07-23")]
    [InlineData("2026-07-22", true, "2029-07-23")]
    public void photos_of_a_leaver_may_be_kept_only_with_retention_consent_and_for_three_years(string? left, bool? consented, string? deleteFrom)
    {
        var pupil = new Pupil { PupilId = "p1", LeavingDate = left is null ? null : D(left) };
        var verdict = consented is null ? null : new Verdict(consented.Value, "x", "x", null);
        var due = PhotosDueForDeletion.DeleteFrom(pupil, verdict, 3);
        (due?.DeleteFrom).ShouldBe(deleteFrom is null ? null : D(deleteFrom));
    }
}
