using TrustSafety.Consent.ImportingRoster;
using static TrustSafety.Consent.Tests.Fixtures.RosterSteps;

namespace TrustSafety.Consent.Tests.ImportingRoster;

/// <summary>The school's MIS export into consent's roster, through the API with real tokens on a real PostgreSQL.</summary>
public sealed class ImportingRosterApiTests(ConsentApiFixture fixture) : IClassFixture<ConsentApiFixture>
{
    [Fact]
    public async Task a_sims_export_enrols_every_pupil_with_names_dates_year_class_and_accounts()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var result = await Imported(dsl, MisExports.Sims);

        result.Layout.ShouldBe("sims");
        result.Joiners.Count.ShouldBe(4);
        result.ImportId.ShouldNotBeNull();
        var chi = (await Search(dsl, "search=okafor")).Pupils.ShouldHaveSingleItem();
        chi.Name.ShouldBe("Chi Okafor");
        chi.LegalName.ShouldBe("Chinedu Okafor");
        chi.Year.ShouldBe("Year 6");
        chi.ClassName.ShouldBe("6B");
        chi.Upn.ShouldBe("Y820001120010");
        chi.DateOfBirth.ShouldBe(new DateOnly(2015, 3, 14));
        (await Search(dsl, "search=siobhán")).Pupils.ShouldHaveSingleItem().Year.ShouldBe("Reception");

        var pupil = await fixture.Store.QuerySession("141001").LoadAsync<Pupil>(StreamIds.Pupil(chi.PupilId));
        pupil!.Accounts.ShouldBe(["c.okafor@blakehill.sch.uk", "cokafor"], ignoreOrder: true);
        pupil.AdmissionDate.ShouldBe(new DateOnly(2019, 9, 3));
    }

    [Fact]
    public async Task arbor_and_bromcom_exports_are_recognised_from_their_headers()
    {
        var arbor = await Imported(await fixture.ClientFor("dsl.caldecote"), MisExports.Arbor);
        arbor.Layout.ShouldBe("arbor");
        arbor.Joiners.Select(j => j.Name).ShouldBe(["Hattie Ng", "Mohammed Rahman", "Lily-Mae Parker-Jones"]);
        arbor.Joiners[2].What.ShouldHaveSingleItem().ShouldStartWith("joins Nursery, N1");

        var westfield = await fixture.ClientFor("dsl.westfield");
        var bromcom = await Imported(westfield, MisExports.Bromcom);
        bromcom.Layout.ShouldBe("bromcom");
        bromcom.Joiners.Count.ShouldBe(3);
        var megan = (await Search(westfield, "search=megan")).Pupils.ShouldHaveSingleItem();
        megan.Year.ShouldBe("Year 10");
        megan.DateOfBirth.ShouldBe(new DateOnly(2011, 2, 17));
    }

    [Fact]
    public async Task every_bad_row_is_named_with_its_reason_and_nothing_is_imported()
    {
        var dsl = await fixture.ClientFor("dsl.stowheath");
        var csv = """
            UPN,Legal Surname,Legal Forename,DOB,Year,Reg
            Y820001120010,Good,Pupil,14/03/2015,Year 6,6B
            A820001120010,Wrong,Check,14/03/2015,Year 6,6B
            L820001120020,Bad,Date,31/02/2015,Year 6,6B
            Z820001120030,Bad,Year,14/03/2015,Year 15,6B
            Y820001120010,Twice,Listed,14/03/2015,Year 6,6B
            M820001120040,,NoSurname,14/03/2015,Year 6,
            """;
        var response = await Import(dsl, csv);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var keys = errors.EnumerateObject().Select(e => e.Name).ToList();
        keys.ShouldBe(["line 3: UPN", "line 4: DOB", "line 5: Year", "line 6: UPN", "line 7: Legal Surname", "line 7: Reg"], ignoreOrder: true);
        errors.GetProperty("line 6: UPN")[0].GetString()!.ShouldContain("line 2");
        (await Search(dsl, "search=pupil")).Pupils.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_file_without_the_needed_columns_or_too_large_is_refused()
    {
        var dsl = await fixture.ClientFor("dsl.stowheath");
        var response = await Import(dsl, "Name,Class\nAmy,3B\n");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("'UPN'");

        var big = new StringBuilder("UPN,Legal Surname,Legal Forename,DOB,Year,Reg\n");
        while (big.Length <= ImportRoster.MaxBytes) big.Append("Y820001120010,Okafor,Chinedu,14/03/2015,Year 6,6B\n");
        (await Import(dsl, big.ToString())).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task a_re_import_records_joiners_leavers_and_changes_and_a_dry_run_changes_nothing()
    {
        var dsl = await fixture.ClientFor("dsl.wodensfield");
        await Imported(dsl, MisExports.Sims);
        // Next export: Amelia moved class and changed her preferred name, Zofia left with a leaving date, Siobhán is no
        // longer listed (left), Chinedu is unchanged but lost an account, and a joiner arrives.
        var next = """
            Adno,UPN,Legal Surname,Legal Forename,Preferred Surname,Preferred Forename,DOB,Year,Reg,Admission Date,Leaving Date,Email Address,Username
            001234,Y820001120010,Okafor,Chinedu,,Chi,14/03/2015,Year 6,6B,03/09/2019,,c.okafor@blakehill.sch.uk,
            001235,L820001120020,Whitmore,Amelia,,Millie,02/11/2016,Year 5,5H,04/09/2020,,a.whitmore@blakehill.sch.uk,awhitmore
            001237,M820001120040,Kowalska,Zofia,Kowal,Zosia,30/01/2014,Year 7,6B,05/09/2018,31/08/2026,z.kowalska@blakehill.sch.uk,
            001240,A820001120050,Begum,Ayesha,,,08/08/2016,Year 5,5W,10/09/2026,,a.begum@blakehill.sch.uk,
            """;

        var dry = await Imported(dsl, next, "?dryRun=true");
        dry.DryRun.ShouldBeTrue();
        dry.ImportId.ShouldBeNull();
        dry.Joiners.ShouldHaveSingleItem().Name.ShouldBe("Ayesha Begum");
        dry.Leavers.Select(l => l.Name).ShouldBe(["Zosia Kowal", "Siobhán O'Brien"], ignoreOrder: true);
        dry.Changed.Select(c => c.Name).ShouldBe(["Chi Okafor", "Millie Whitmore"], ignoreOrder: true);
        dry.Changed.Single(c => c.Name == "Millie Whitmore").What.ShouldContain("Year 5, 5W → Year 5, 5H");
        (await Search(dsl, "search=ayesha")).Pupils.ShouldBeEmpty();

        var applied = await Imported(dsl, next);
        applied.ImportId.ShouldNotBeNull();
        applied.Leavers.Count.ShouldBe(2);
        (await Search(dsl, "search=ayesha")).Pupils.ShouldHaveSingleItem().ClassName.ShouldBe("5W");
        (await Search(dsl, "search=millie")).Pupils.ShouldHaveSingleItem().ClassName.ShouldBe("5H");
        (await Search(dsl, "search=siobhán")).Pupils.ShouldBeEmpty();
        (await Search(dsl, "search=siobhán&leavers=true")).Pupils.ShouldHaveSingleItem().OnRoll.ShouldBeFalse();

        var again = await Imported(dsl, next);
        (again.Joiners.Count + again.Leavers.Count + again.Changed.Count).ShouldBe(0);
        again.Unchanged.ShouldBe(4);
    }

    [Fact]
    public async Task a_partial_export_does_not_make_the_rest_of_the_school_leave()
    {
        var dsl = await fixture.ClientFor("dsl.oakmere");
        var rows = Enumerable.Range(1, 24).Select(i => Upn($"8200061200{i:00}"))
            .Select((upn, i) => $"{upn},Pupil{(char)('a' + i)},Test,14/03/2015,Year 6,6B").ToList();
        await Imported(dsl, "UPN,Legal Surname,Legal Forename,DOB,Year,Reg\n" + string.Join('\n', rows));
        var oneClass = "UPN,Legal Surname,Legal Forename,DOB,Year,Reg\n" + string.Join('\n', rows.Take(3));

        (await Import(dsl, oneClass)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var kept = await Imported(dsl, oneClass, "?missing=keep");
        kept.Leavers.ShouldBeEmpty();
        kept.Unchanged.ShouldBe(3);
    }

    private static string Upn(string twelve) => MisExport.CheckLetter("?" + twelve) + twelve;
}
