namespace TrustSafety.FilteringIngest.Tests.Adapters;

/// <summary>Issue 17 point 8: a JSON body that starts with a UTF-8 byte-order mark is read like the same body without.</summary>
public sealed class ByteOrderMarkTests
{
    private static readonly FormatAdapters Adapters = new();

    public static TheoryData<Fixture> JsonFixtures()
    {
        var data = new TheoryData<Fixture>();
        foreach (var f in AdapterFixtures.All.Where(f => !f.Unusable && f.Raw.TrimStart() is ['{' or '[', ..]))
            data.Add(f);
        return data;
    }

    [Theory]
    [MemberData(nameof(JsonFixtures))]
    public void a_json_body_with_a_byte_order_mark_is_read_as_without_one(Fixture fixture)
    {
        var adapter = Adapters.For(fixture.Format).ShouldNotBeNull();
        var context = AdapterContext.Default with { CategoryMap = new Dictionary<string, string> { ["bet365.com"] = "Gambling" } };

        var output = adapter.Parse([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(fixture.Raw)], context);

        output.BodyError.ShouldBeNull($"{fixture.Name}: refused with a byte-order mark");
        output.Records.Count.ShouldBe(fixture.Accepted, fixture.Name);
        output.Errors.Count.ShouldBe(fixture.Rejected, fixture.Name);
    }
}
