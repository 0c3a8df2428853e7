using TrustSafety.Reporting.Coverage;
using TrustSafety.Reporting.Figures;

namespace TrustSafety.Reporting.Tests.Coverage;

public sealed class AupCoverageTests
{
    private static readonly DateTimeOffset T = new(2026, 9, 10, 9, 0, 0, TimeSpan.Zero);

    private static AupChange Change(string person, bool signed, int? version, int day) =>
        new() { Id = Guid.NewGuid(), SchoolUrn = "141001", PersonId = person, Audience = "pupil", Signed = signed, Version = version, At = T.AddDays(day) };

    private static AupVersionRecord Published(int version) =>
        new() { Id = Guid.NewGuid(), SchoolUrn = "141001", Audience = "pupil", Version = version, PublishedAt = T };

    [Theory]
    // signed version, versions published, counts as (signed current, older version, lapsed)
    [InlineData(1, "", 1, 0, 0)]
    [InlineData(1, "1", 1, 0, 0)]
    [InlineData(1, "1,2", 0, 1, 0)]
    [InlineData(2, "1", 1, 0, 0)]
    [InlineData(2, "2,1", 1, 0, 0)]
    [InlineData(null, "", 1, 0, 0)]
    [InlineData(null, "1", 0, 1, 0)]
    public void a_signature_counts_as_current_only_against_the_newest_published_version(int? signed, string publishedVersions, int current, int older, int lapsed)
    {
        var published = publishedVersions.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        var coverage = SchoolFigures.AupCoverageOf([Change("P-1", true, signed, 1)], published.Select(Published).ToList(), 100)
            .ShouldHaveSingleItem();
        (coverage.Signed, coverage.OlderVersion, coverage.Lapsed).ShouldBe((current, older, lapsed));
        coverage.CurrentVersion.ShouldBe(published.Count == 0 ? (int?)null : published.Max());
    }

    [Fact]
    public void the_latest_change_per_person_decides_whatever_the_order_they_arrive_in()
    {
        var coverage = SchoolFigures.AupCoverageOf([Change("P-1", true, 2, 5), Change("P-1", false, 1, 3), Change("P-2", false, 1, 4), Change("P-2", true, 1, 1)],
            [Published(2)], 100).ShouldHaveSingleItem();
        (coverage.Signed, coverage.OlderVersion, coverage.Lapsed).ShouldBe((1, 0, 1));
        coverage.PercentOfPupils.ShouldBe(1.0);
    }
}
