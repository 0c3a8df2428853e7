using Microsoft.Extensions.DependencyInjection;
using TrustSafety.Consent.ErasingLeavers;

namespace TrustSafety.Consent.Tests.ErasingLeavers;

/// <summary>
/// Leavers leave the roster when their retention ends: on a fake clock, the sweeper on the elected replica erases a
/// leaver's names, UPN, date of birth and accounts the day after leaving date + Consent:RetentionYearsAfterLeaving (3),
/// masks them in the stored events, and keeps the internal pupil id that incidents and consents use. Stow Heath's roster.
/// </summary>
public sealed class ErasingLeaversTests(ConsentApiFixture fixture) : IClassFixture<ConsentApiFixture>
{
    private const string School = "141003";

    private const string Sims = """
        Adno,UPN,Legal Surname,Legal Forename,Preferred Surname,Preferred Forename,DOB,Year,Reg,Admission Date,Leaving Date,Email Address,Username
        003101,N820003120010,Quarshie,Abena,,Abi,05/05/2012,Year 9,9Q,01/09/2016,22/07/2026,a.quarshie@stowheath.sch.uk,aquarshie
        003102,B820003120020,Villiers,Oscar,,,17/10/2017,Year 4,4V,04/09/2021,,o.villiers@stowheath.sch.uk,
        """;

    [Theory]
    [InlineData("2029-07-22", false)]   // the last day of retention: kept
    [InlineData("2029-07-23", true)]    // the day after: erased
    [InlineData("2026-09-10", false)]
    public void a_leaver_is_due_only_after_leaving_date_plus_the_retention_years(string today, bool due)
    {
        var pupil = new Pupil { PupilId = "p1", LeavingDate = new DateOnly(2026, 7, 22), Accounts = ["a@x"] };
        var events = RosterRetention.Decide(pupil, DateOnly.Parse(today), 3, DateTimeOffset.UnixEpoch);
        (events.Count > 0).ShouldBe(due);
        if (due) events.Select(e => e.GetType()).ShouldBe([typeof(PupilSignInAccountsSet), typeof(PupilRosterErased)]);
    }

    [Fact]
    public void a_pupil_on_roll_or_already_erased_is_never_due()
    {
        var far = new DateOnly(2090, 1, 1);
        RosterRetention.Decide(new Pupil { PupilId = "p1" }, far, 3, DateTimeOffset.UnixEpoch).ShouldBeEmpty();
        RosterRetention.Decide(new Pupil { PupilId = "p1", LeavingDate = new DateOnly(2020, 1, 1), ErasedAt = DateTimeOffset.UnixEpoch },
            far, 3, DateTimeOffset.UnixEpoch).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_leaver_is_erased_from_the_roster_and_its_stored_events_when_retention_ends_and_the_pupil_id_remains()
    {
        var dsl = await fixture.ClientFor("dsl.stowheath");
        using (var imported = await dsl.PostAsync("/roster/imports?missing=keep", new StringContent(Sims, Encoding.UTF8, "text/csv")))
            imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var abi = (await Search(dsl, "search=quarshie&leavers=true")).ShouldHaveSingleItem();
        abi.GetProperty("onRoll").GetBoolean().ShouldBeFalse();
        var pupilId = abi.GetProperty("pupilId").GetString()!;
        var sweeper = fixture.App.Services.GetRequiredService<RosterRetentionSweeper>();

        // The last day of retention (leaving date + 3 years): still on the roster, by name.
        fixture.MoveTo(new DateOnly(2029, 7, 22));
        await sweeper.SweepAsync(CancellationToken.None);
        (await Search(dsl, "search=quarshie&leavers=true")).ShouldHaveSingleItem();

        // The day after: the sweeper on the elected replica (its timer, not the test) erases the leaver.
        fixture.MoveTo(new DateOnly(2029, 7, 23));
        var pupil = await Eventually.Returns(async () =>
        {
            await using var session = fixture.Store.QuerySession(School);
            return await session.LoadAsync<Pupil>(StreamIds.Pupil(pupilId));
        }, p => p?.ErasedAt is not null, TimeSpan.FromSeconds(30), "the leaver erased by the sweeper");
        pupil!.PupilId.ShouldBe(pupilId);
        pupil.Upn.ShouldBeNull();
        pupil.LegalForename.ShouldBeNull();
        pupil.LegalSurname.ShouldBeNull();
        pupil.PreferredForename.ShouldBeNull();
        pupil.DateOfBirth.ShouldBeNull();
        pupil.Accounts.ShouldBeEmpty();

        // No name, UPN, date of birth or account is left in the pupil's stored events; the pseudonymous id is.
        await using (var session = fixture.Store.QuerySession(School))
        {
            var events = await session.Events.FetchStreamAsync(StreamIds.Pupil(pupilId));
            events.Select(e => e.Data).OfType<PupilRosterErased>().ShouldHaveSingleItem().RetainedUntil.ShouldBe(new DateOnly(2029, 7, 22));
            var stored = string.Join("\n", events.Select(e => JsonSerializer.Serialize(e.Data, e.EventType)));
            foreach (var detail in new[] { "Quarshie", "Abena", "Abi\"", "N820003120010", "2012-05-05", "a.quarshie@stowheath.sch.uk", "aquarshie" })
                stored.ShouldNotContain(detail, Case.Insensitive, $"the erased leaver's {detail} is still stored");
            stored.ShouldContain(pupilId);
            // The accounts were cleared by their own event, which the forwarder sends to incident (PupilSignInAccountsChanged, none).
            events.Select(e => e.Data).OfType<PupilSignInAccountsSet>().Last().Accounts.ShouldBeEmpty();
        }

        // The roster no longer finds or names the pupil; the pupil still on roll is untouched; nothing is erased twice.
        (await Search(dsl, "search=quarshie&leavers=true")).ShouldBeEmpty();
        (await Search(dsl, $"id={pupilId}")).ShouldBeEmpty();
        (await Search(dsl, "search=villiers")).ShouldHaveSingleItem().GetProperty("name").GetString().ShouldBe("Oscar Villiers");
        (await sweeper.SweepAsync(CancellationToken.None)).ShouldBe(0);
        // Records keyed on the pupil id keep working (consents, subject access): the pseudonym remains.
        (await dsl.GetAsync($"/pupils/{pupilId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await dsl.GetAsync($"/pupils/{pupilId}/subject-access")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<List<JsonElement>> Search(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/pupils?{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pupils").EnumerateArray()];
    }
}
