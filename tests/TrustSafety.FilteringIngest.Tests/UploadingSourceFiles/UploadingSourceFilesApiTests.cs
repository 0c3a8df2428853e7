using static TrustSafety.FilteringIngest.Tests.Fixtures.SourceGivens;

namespace TrustSafety.FilteringIngest.Tests.UploadingSourceFiles;

public sealed class UploadingSourceFilesApiTests(IngestApiFixture f) : IClassFixture<IngestApiFixture>
{
    [Fact]
    public async Task an_it_admin_can_upload_a_csv_export()
    {
        var (source, _) = await f.RegisterAsync("it.blakehill", new { name = "Smoothwall " + Unique(), format = "smoothwall-safeguarding-csv" });
        var tag = Unique();
        using var admin = await f.ClientFor("it.blakehill");
        var csv = $"User,Safeguarding level,Safeguarding categories,Date / Time,Search term\n\"kid (Year 9)\",Danger,Suicide,{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss},{tag}\n";
        var response = await admin.PostAsync($"/sources/{source.Id}/uploads", new StringContent(csv, Encoding.UTF8, "text/csv"));
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        using var dsl = await f.ClientFor("dsl.blakehill");
        (await dsl.GetStringAsync("/events?take=500")).ShouldContain(tag);
        using var anonymous = f.Anonymous();
        (await anonymous.PostAsync($"/sources/{source.Id}/uploads", new StringContent(csv))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
