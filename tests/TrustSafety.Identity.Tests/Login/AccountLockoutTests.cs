using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace TrustSafety.Identity.Tests.Login;

/// <summary>Identity with a lockout of 3 failed sign-ins for 10 minutes and a clock the tests move.</summary>
public sealed class LockoutFixture : IdentityProviderFixture
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Identity:Lockout:MaxFailedAttempts", "3"),
        new("Identity:Lockout:Duration", "00:10:00"),
    ];

    protected override void ConfigureServices(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
}

/// <summary>Per-account lockout (issue 17, point 8): by user name, whatever the address, without telling which names exist.</summary>
public sealed class AccountLockoutTests(LockoutFixture identity) : IClassFixture<LockoutFixture>
{
    [Fact]
    public async Task three_wrong_passwords_lock_the_account_even_for_the_right_password_until_the_lockout_ends()
    {
        for (var i = 0; i < 2; i++)
            (await ErrorOf(await identity.PasswordGrantAsync("head.blakehill", "wrong-" + i))).ShouldBe("The user name or password is not correct.");

        var third = await ErrorOf(await identity.PasswordGrantAsync("head.blakehill", "wrong-2"));
        third.ShouldStartWith("Too many failed sign-ins for this user name. Try again in 10 minute");

        using (var right = await identity.PasswordGrantAsync("head.blakehill", "demo-password"))
        {
            right.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await ErrorOf(right)).ShouldStartWith("Too many failed sign-ins");
        }

        identity.Clock.Advance(TimeSpan.FromMinutes(9));
        (await ErrorOf(await identity.PasswordGrantAsync("head.blakehill", "demo-password"))).ShouldStartWith("Too many failed sign-ins for this user name. Try again in 1 minute");

        identity.Clock.Advance(TimeSpan.FromMinutes(1));
        using var afterwards = await identity.PasswordGrantAsync("head.blakehill", "demo-password");
        afterwards.StatusCode.ShouldBe(HttpStatusCode.OK, await afterwards.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task an_unknown_user_name_is_answered_exactly_like_a_known_one()
    {
        var known = new List<string>();
        var unknown = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            known.Add(await ErrorOf(await identity.PasswordGrantAsync("staff.caldecote", "wrong")));
            unknown.Add(await ErrorOf(await identity.PasswordGrantAsync("nobody.caldecote", "wrong")));
        }

        unknown.ShouldBe(known);
        known[^1].ShouldStartWith("Too many failed sign-ins");
    }

    [Fact]
    public async Task a_locked_account_locks_no_other_and_a_success_clears_earlier_failures()
    {
        for (var i = 0; i < 3; i++) using (await identity.PasswordGrantAsync("deputy.caldecote", "wrong")) { }

        using var other = await identity.PasswordGrantAsync("deputy.blakehill", "demo-password");
        other.StatusCode.ShouldBe(HttpStatusCode.OK);

        for (var i = 0; i < 2; i++) using (await identity.PasswordGrantAsync("governor.blakehill", "wrong")) { }
        using (var success = await identity.PasswordGrantAsync("governor.blakehill", "demo-password"))
            success.StatusCode.ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i < 2; i++) using (await identity.PasswordGrantAsync("governor.blakehill", "wrong")) { }
        using var stillOpen = await identity.PasswordGrantAsync("governor.blakehill", "demo-password");
        stillOpen.StatusCode.ShouldBe(HttpStatusCode.OK, "two failures after a success are not three in a row");
    }

    [Fact]
    public async Task the_sign_in_form_refuses_a_locked_account_with_the_same_message()
    {
        for (var i = 0; i < 3; i++) using (await identity.PasswordGrantAsync("dsl.wodensfield", "wrong")) { }
        using var browser = identity.CreateBrowser();
        var form = await browser.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        token.ShouldNotBeNullOrEmpty();

        using var answer = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = "dsl.wodensfield", ["password"] = "demo-password", ["returnUrl"] = "/",
        }));

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await answer.Content.ReadAsStringAsync()).ShouldContain("Too many failed sign-ins for this user name.");
    }

    [Fact]
    public async Task failures_spread_over_two_replicas_on_one_database_lock_the_account_on_both_and_after_a_restart()
    {
        var second = identity.StartReplica();
        (await ErrorOf(await identity.PasswordGrantAsync("staff.blakehill", "wrong-1"))).ShouldBe("The user name or password is not correct.");
        (await ErrorOf(await IdentityProviderFixture.PasswordGrantAsync(second, "staff.blakehill", "wrong-2"))).ShouldBe("The user name or password is not correct.");
        (await ErrorOf(await identity.PasswordGrantAsync("staff.blakehill", "wrong-3"))).ShouldStartWith("Too many failed sign-ins");

        // The other replica counts the same failures.
        (await ErrorOf(await IdentityProviderFixture.PasswordGrantAsync(second, "staff.blakehill", "demo-password")))
            .ShouldStartWith("Too many failed sign-ins");
        var restarted = identity.StartReplica();
        // A replica started afterwards (a restart) forgets none of them.
        (await ErrorOf(await IdentityProviderFixture.PasswordGrantAsync(restarted, "STAFF.blakehill", "demo-password")))
            .ShouldStartWith("Too many failed sign-ins");
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response)
    {
        using (response)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            body.GetProperty("error").GetString().ShouldBe("invalid_grant");
            return body.GetProperty("error_description").GetString().ShouldNotBeNull();
        }
    }
}
