using TrustSafety.Consent.ExportingSubjectAccess;
using static TrustSafety.Consent.Tests.Fixtures.ConsentApiFixture;

namespace TrustSafety.Consent.Tests.ExportingSubjectAccess;

/// <summary>A pupil's subject-access export from consent, through the API with real tokens (Blakehill and Caldecote).</summary>
public sealed class ExportingSubjectAccessApiTests(ConsentApiFixture fixture) : IClassFixture<ConsentApiFixture>, IAsyncLifetime
{
    private HttpClient _dsl = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync()
    {
        (_dsl, _staff) = await fixture.BlakehillAsync();
        await _dsl.HasAup("pupil", "Pupil AUP");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> PupilWithHistory()
    {
        var pupil = NewPupil();
        await _dsl.Enrol(pupil, className: "4A", yearGroup: 4);
        (await _staff.Answer(pupil, "website", given: true)).EnsureSuccessStatusCode();
        (await _staff.Withdraw(pupil, "website")).EnsureSuccessStatusCode();
        (await _staff.Answer(pupil, "press", given: false)).EnsureSuccessStatusCode();
        (await _staff.PostAsJsonAsync("/aups/pupil/signatures", new { personId = pupil, channel = "in-person" })).EnsureSuccessStatusCode();
        return pupil;
    }

    private static async Task<JsonElement> Export(HttpClient client, string pupil)
    {
        var response = await client.GetAsync($"/pupils/{pupil}/subject-access");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task the_dsl_exports_every_consent_answer_and_aup_signature_of_the_pupil_with_who_when_and_channel()
    {
        var pupil = await PupilWithHistory();
        var other = await PupilWithHistory();

        var export = await Export(_dsl, pupil);

        export.GetProperty("service").GetString().ShouldBe("consent");
        export.GetProperty("pupilId").GetString().ShouldBe(pupil);
        export.GetProperty("roster").GetProperty("className").GetString().ShouldBe("4A");
        var consents = export.GetProperty("consents").EnumerateArray().ToList();
        consents.Select(c => (c.GetProperty("type").GetString(), c.GetProperty("what").GetString()))
            .ShouldBe([("website", "given"), ("website", "withdrawn"), ("press", "declined")], ignoreOrder: true);
        var withdrawn = consents.Single(c => c.GetProperty("what").GetString() == "withdrawn");
        withdrawn.GetProperty("channel").GetString().ShouldBe("email");
        withdrawn.GetProperty("relationship").GetString().ShouldBe("father");
        withdrawn.GetProperty("respondentId").GetString().ShouldBe("guardian-" + pupil);
        withdrawn.GetProperty("recordedBy").GetString().ShouldNotBeNullOrEmpty();
        consents.ShouldAllBe(c => c.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.MinValue);
        var signature = export.GetProperty("aupSignatures").EnumerateArray().ShouldHaveSingleItem();
        signature.GetProperty("audience").GetString().ShouldBe("pupil");
        signature.GetProperty("what").GetString().ShouldBe("signed");
        signature.GetProperty("channel").GetString().ShouldBe("in-person");
        export.GetRawText().ShouldNotContain(other);
    }

    [Fact]
    public async Task another_schools_dsl_sees_nothing_of_the_pupil()
    {
        var pupil = await PupilWithHistory();

        var export = await Export(await fixture.ClientFor("dsl.caldecote"), pupil);

        export.GetProperty("roster").ValueKind.ShouldBe(JsonValueKind.Null);
        export.GetProperty("consents").GetArrayLength().ShouldBe(0);
        export.GetProperty("aupSignatures").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task an_unknown_pupil_is_an_empty_export_not_an_error()
    {
        var export = await Export(_dsl, NewPupil());

        export.GetProperty("roster").ValueKind.ShouldBe(JsonValueKind.Null);
        export.GetProperty("consents").GetArrayLength().ShouldBe(0);
        export.GetProperty("aupSignatures").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("deputy.blakehill")]
    [InlineData("head.blakehill")]
    [InlineData("staff.blakehill")]
    [InlineData("it.blakehill")]
    [InlineData("governor.blakehill")]
    public async Task only_the_dsl_may_export_a_pupils_consent_records(string user)
    {
        var pupil = await PupilWithHistory();

        var response = await (await fixture.ClientFor(user)).GetAsync($"/pupils/{pupil}/subject-access");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain(pupil + "\"");
    }

    [Fact]
    public async Task the_export_is_recorded_on_the_schools_data_protection_stream()
    {
        var pupil = await PupilWithHistory();

        await Export(_dsl, pupil);

        await using var session = fixture.Store.QuerySession("141001");
        var exported = (await session.Events.FetchStreamAsync(StreamIds.DataProtection)).Select(e => e.Data)
            .OfType<PupilSubjectAccessExported>().Where(e => e.PupilId == pupil).ShouldHaveSingleItem();
        exported.ConsentRecords.ShouldBe(3);
        exported.AupRecords.ShouldBe(1);
        exported.By.ShouldNotBeNullOrEmpty();
    }
}
