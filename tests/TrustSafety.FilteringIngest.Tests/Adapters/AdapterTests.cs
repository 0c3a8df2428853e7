namespace TrustSafety.FilteringIngest.Tests.Adapters;

public sealed class AdapterTests
{
    private static readonly FormatAdapters Adapters = new();
    private static readonly AdapterContext Context = AdapterContext.Default with
    {
        CategoryMap = new Dictionary<string, string> { ["bet365.com"] = "Gambling" },
    };

    public static TheoryData<Fixture> Fixtures()
    {
        var data = new TheoryData<Fixture>();
        foreach (var f in AdapterFixtures.All) data.Add(f);
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void each_fixture_is_read_as_documented(Fixture fixture)
    {
        var output = Adapters.For(fixture.Format)!.Parse(Encoding.UTF8.GetBytes(fixture.Raw), Context);

        if (fixture.Unusable)
        {
            output.BodyError.ShouldNotBeNull($"{fixture.Name}: expected the body to be refused as a whole");
            return;
        }
        output.BodyError.ShouldBeNull();
        output.Records.Count.ShouldBe(fixture.Accepted, $"{fixture.Name}: accepted; errors: {string.Join("; ", output.Errors)}");
        output.Errors.Count.ShouldBe(fixture.Rejected, $"{fixture.Name}: rejected");
        if (fixture.RejectedField is not null) output.Errors.ShouldContain(e => e.Field == fixture.RejectedField);
        output.Errors.ShouldAllBe(e => e.Reason.Length > 10);
        output.Records.ShouldAllBe(r => r.Record.RawDigest.Length > 0);
        if (fixture.Check is not null) fixture.Check(output.Records[0].Record);
    }

    [Fact]
    public void every_registered_format_has_fixtures()
    {
        foreach (var format in Adapters.Formats)
            AdapterFixtures.All.Count(f => f.Format == format).ShouldBeGreaterThanOrEqualTo(3, $"{format} needs fixtures");
    }
}
