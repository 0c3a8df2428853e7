using TrustSafety.Notifications.SettingPreferences;

namespace TrustSafety.Notifications.Tests.SettingPreferences;

public sealed class SetPreferencesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("dsl@blakehill.example", null, true, null)]
    [InlineData("", null, false, null)]
    [InlineData("", null, null, "email")]
    [InlineData("Dee <dsl@blakehill.example>", null, true, "email")]
    [InlineData("a@b.example, c@d.example", null, true, "email")]
    [InlineData("not-an-address", null, true, "email")]
    [InlineData("dsl@blakehill.example", -1, true, "awayUntil")]
    [InlineData("dsl@blakehill.example", 2, true, null)]
    public void preferences_name_each_bad_field(string email, int? awayDays, bool? urgent, string? badField)
    {
        var problems = SetPreferences.Problems(
            new PreferencesChange(email, urgent, null, awayDays is null ? null : Now.AddDays(awayDays.Value)), Now);
        if (badField is null) problems.ShouldBeEmpty();
        else problems.Keys.ShouldBe([badField]);
    }
}
