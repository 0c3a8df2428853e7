using System.Net;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.ReferenceData;

/// <summary>The category list every signed-in user reads, with its versions and the filter crosswalk.</summary>
[Collection(IncidentApiCollection.Name)]
public sealed class ReferenceDataApiTests(IncidentApiFixture fixture)
{
    [Fact]
    public async Task the_category_list_is_served_to_any_signed_in_user_with_its_version_and_the_filter_crosswalk()
    {
        foreach (var user in new[] { "staff.blakehill", "trust.lead", "governor.blakehill" })
        {
            var client = await fixture.ClientFor(user);
            var list = await client.GetJsonAsync("/reference/categories");
            list.GetProperty("version").GetString().ShouldBe("2026.1");
            list.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("code").GetString())
                .ShouldContain("self-harm-suicide-eating-disorder");
            list.GetProperty("fromFilterCategory").GetProperty("self-harm").GetString().ShouldBe("self-harm-suicide-eating-disorder");
            list.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()).ShouldBe(["2025.1", "2026.1"]);
        }
        using var anonymous = fixture.Host.CreateClient();
        (await anonymous.GetAsync("/reference/categories")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
