using System.Text;

namespace TrustSafety.Governance.Tests.ImportingTraining;

[Collection(TrainingApiCollection.Name)]
public sealed class ImportingTrainingApiTests(GovernanceFixture fixture)
{
    [Fact]
    public async Task a_csv_import_records_good_rows_and_names_each_bad_row()
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        var csv = "person_id,name,role,joined_on,kind,completed_on,provider,certificate_ref\r\n" +
                  "imp.one,\"Ivy, One\",staff,2023-09-01,safeguarding,2026-09-03,LA,SG-1\r\n" +
                  "imp.one,,,,online-safety,2026-09-03,LA,\r\n" +
                  "imp.two,,,,prevent,2026-09-03,LA,\r\n" +
                  "imp.three,Ida Three,staff,,first-aid,03/09/2026,LA,\r\n";
        var result = await dsl.PostAsync("/training/import", new StringContent(csv, Encoding.UTF8, "text/csv")).Ok();
        result.GetProperty("recorded").GetInt32().ShouldBe(2);
        result.GetProperty("peopleAdded").GetInt32().ShouldBe(1);
        var rejected = result.GetProperty("rejected").EnumerateArray().ToList();
        rejected.Select(r => r.GetProperty("row").GetInt32()).ShouldBe([4, 5]);
        rejected[0].GetProperty("reason").GetString()!.ShouldContain("name");
        rejected[1].GetProperty("reason").GetString()!.ShouldContain("kind");
        rejected[1].GetProperty("reason").GetString()!.ShouldContain("completed_on");

        var person = await dsl.GetAsync("/training/people/imp.one").Ok();
        person.GetProperty("status").GetProperty("name").GetString().ShouldBe("Ivy, One");
        person.GetProperty("completions").GetArrayLength().ShouldBe(2);
        (await dsl.GetAsync("/training/people/imp.two")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
