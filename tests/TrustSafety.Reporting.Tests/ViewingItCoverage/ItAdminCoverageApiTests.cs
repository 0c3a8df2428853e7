namespace TrustSafety.Reporting.Tests.ViewingItCoverage;

public sealed class ItAdminCoverageApiTests(ClockedReportingFixture fx) : IClassFixture<ClockedReportingFixture>
{
    [Fact]
    public async Task a_schools_it_admin_sees_only_their_school()
    {
        var coverage = await fx.GetJson("it.blakehill", "/it/coverage");
        coverage["schools"]!.AsArray().ShouldHaveSingleItem()!["urn"].Str().ShouldBe("141001");
    }
}
