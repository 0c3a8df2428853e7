using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TrustSafety.Identity.StaffAccounts;
using TrustSafety.Platform;

namespace TrustSafety.Identity.Tests.StaffAccounts;

/// <summary>The trust administrator's staff-account API on a real PostgreSQL database, called with real tokens.</summary>
public sealed class StaffAccountsTests(IdentityProviderFixture identity) : IClassFixture<IdentityProviderFixture>
{
    private async Task<HttpClient> AsAsync(string user)
    {
        var client = identity.Host.CreateClient();
        var token = await identity.AccessTokenForAsync(user);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.EncodedToken);
        return client;
    }

    private static string Unique(string name) => $"{name}.{Guid.NewGuid():N}"[..(name.Length + 9)] + "@example-trust.org.uk";

    [Theory]
    [InlineData("it.blakehill")]
    [InlineData("dsl.blakehill")]
    [InlineData("trust.lead")]
    public async Task only_the_trust_wide_it_admin_administers_staff_accounts(string user)
    {
        using var client = await AsAsync(user);
        (await client.GetAsync("/staff-accounts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PostAsJsonAsync("/staff-accounts", new { email = Unique("x"), name = "X", school = "141001", roles = new[] { "staff" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task an_invitation_with_bad_fields_names_each_field_and_stores_nothing()
    {
        using var admin = await AsAsync("it.admin");
        using var response = await admin.PostAsJsonAsync("/staff-accounts", new { email = "not-an-address", name = "", roles = new[] { "dsl", "wizard" } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["email", "name", "roles", "school"], ignoreOrder: true);
        errors.GetProperty("roles")[0].GetString()!.ShouldContain("'wizard'");
        (await admin.GetFromJsonAsync<JsonElement>("/staff-accounts")).EnumerateArray()
            .ShouldNotContain(a => a.GetProperty("email").GetString() == "not-an-address");
    }

    // A URN of the right shape that is not one of the trust's schools (a typo, or another trust's school) is refused: the
    // account would sign in to a school nobody in the trust sees.
    [Fact]
    public async Task an_invitation_to_a_school_outside_the_trust_is_refused_and_stores_nothing()
    {
        using var admin = await AsAsync("it.admin");
        var email = Unique("outside");
        using var response = await admin.PostAsJsonAsync("/staff-accounts", new { email, name = "Olu Outside", school = "999999", roles = new[] { "dsl" } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["school"]);
        errors.GetProperty("school")[0].GetString()!.ShouldContain("999999 is not one of");
        (await admin.GetFromJsonAsync<JsonElement>("/staff-accounts")).EnumerateArray()
            .ShouldNotContain(a => a.GetProperty("email").GetString() == email);
    }

    [Fact]
    public async Task a_change_needs_the_current_etag_and_is_audited()
    {
        using var admin = await AsAsync("it.admin");
        var email = Unique("teacher");
        using var invited = await admin.PostAsJsonAsync("/staff-accounts", new { email, name = "Tara Teacher", school = "141001", roles = new[] { "staff" } });
        invited.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var etag = invited.Headers.ETag!.Tag;

        async Task<HttpResponseMessage> Change(string? ifMatch)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/staff-accounts/{id}")
            {
                Content = JsonContent.Create(new { name = "Tara Teacher", school = "141001", roles = new[] { "deputy-dsl" } }),
            };
            if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return await admin.SendAsync(request);
        }

        (await Change(null)).StatusCode.ShouldBe((HttpStatusCode)428);
        (await Change("\"999\"")).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        using var changed = await Change(etag);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles")[0].GetString().ShouldBe("deputy-dsl");
        (await Change(etag)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed, "the old ETag is spent");

        var audit = await admin.GetFromJsonAsync<JsonElement>("/staff-accounts/audit");
        var entries = audit.EnumerateArray().Where(e => e.GetProperty("email").GetString() == email).ToList();
        entries.Select(e => e.GetProperty("action").GetString()).ShouldBe(["changed", "invited"], ignoreOrder: false);
        entries[0].GetProperty("detail").GetString()!.ShouldContain("staff → Tara Teacher, 141001, deputy-dsl");
        entries[0].GetProperty("actorName").GetString().ShouldBe("Trust IT Administrator");
    }

    [Fact]
    public async Task a_csv_with_one_bad_row_imports_nothing_and_a_good_one_invites_then_leaves_unchanged()
    {
        using var admin = await AsAsync("it.admin");
        var (a, b) = (Unique("alpha"), Unique("beta"));
        var bad = $"email,name,school,roles\n{a},Alex Alpha,141001,staff\n{b},Bea Beta,,dsl\n";
        using var refused = await admin.PostAsync("/staff-accounts/import", new StringContent(bad, Encoding.UTF8, "text/csv"));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["row 3.school"]);
        (await admin.GetFromJsonAsync<JsonElement>("/staff-accounts")).EnumerateArray()
            .ShouldNotContain(x => x.GetProperty("email").GetString() == a, "a refused file changes nothing");

        var good = $"Email,Name,School,Roles\n{a},Alex Alpha,141001,staff\n\"{b}\",\"Beta, Bea\",141002,dsl;headteacher\n";
        using var imported = await admin.PostAsync("/staff-accounts/import", new StringContent(good, Encoding.UTF8, "text/csv"));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var result = await imported.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("invited").GetInt32().ShouldBe(2);
        var beta = (await admin.GetFromJsonAsync<JsonElement>("/staff-accounts?school=141002")).EnumerateArray()
            .Single(x => x.GetProperty("email").GetString() == b);
        beta.GetProperty("name").GetString().ShouldBe("Beta, Bea");
        beta.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["dsl", "headteacher"]);

        using var again = await admin.PostAsync("/staff-accounts/import", new StringContent(good, Encoding.UTF8, "text/csv"));
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unchanged").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task an_invited_member_of_staff_appears_in_their_schools_staff_list()
    {
        using var admin = await AsAsync("it.admin");
        var email = Unique("head");
        (await admin.PostAsJsonAsync("/staff-accounts", new { email, name = "Hana Head", school = "141001", roles = new[] { "headteacher" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        using var dsl = await AsAsync("dsl.blakehill");
        var staff = await dsl.GetFromJsonAsync<JsonElement>("/staff");
        staff.GetProperty("staff").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ShouldContain("Hana Head");
        using var caldecote = await AsAsync("dsl.caldecote");
        (await caldecote.GetFromJsonAsync<JsonElement>("/staff")).GetProperty("staff").EnumerateArray()
            .Select(s => s.GetProperty("name").GetString()).ShouldNotContain("Hana Head");
    }

    [Theory]
    [InlineData("a@b.org", "A", "141001", "dsl", null)]
    [InlineData("a@b.org", "A", null, "trust-lead", null)]
    [InlineData("a@b.org", "A", null, "it-admin", null)]
    [InlineData("a@b.org", "A", null, "dsl", "school")]
    [InlineData("a@b.org", "A", "141001", "trust-lead", "school")]
    [InlineData("a@b.org", "A", "14100", "staff", "school")]
    [InlineData("a@b.org", "A", "999999", "staff", "school")]
    [InlineData("a@b.org", "A", "141001", "", "roles")]
    [InlineData("a@b", "A", "141001", "staff", "email")]
    [InlineData("a@b.org", " ", "141001", "staff", "name")]
    public void the_rules_for_an_account(string email, string name, string? school, string roles, string? badField)
    {
        var (values, errors) = StaffAccountRules.Check(email, name, school, roles.Split(';'), emailRequired: true, TrustSchools.Demo);
        if (badField is null)
        {
            errors.ShouldBeEmpty();
            values.ShouldNotBeNull();
        }
        else
        {
            values.ShouldBeNull();
            errors.Keys.ShouldBe([badField]);
        }
    }
}
