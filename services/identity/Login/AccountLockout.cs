using Microsoft.Extensions.Options;
using TrustSafety.Identity.Configuration;
using TrustSafety.Identity.Demo;

namespace TrustSafety.Identity.Login;

/// <summary>The answer to a sign-in attempt.</summary>
internal abstract record SignInOutcome
{
    public sealed record SignedIn(DemoUser User) : SignInOutcome;
    public sealed record WrongCredentials : SignInOutcome;
    public sealed record LockedOut(TimeSpan RetryAfter) : SignInOutcome;

    public const string WrongCredentialsMessage = "The user name or password is not correct.";

    public static string LockedMessage(TimeSpan retryAfter) =>
        $"Too many failed sign-ins for this user name. Try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes))} minute(s).";
}

/// <summary>
/// Per-account lockout, in the ASP.NET Core Identity style: <c>MaxFailedAttempts</c> failed sign-ins for one user
/// name lock it for <c>Duration</c>, from whichever addresses they came. Counted for every user name, known or not,
/// and a locked name is refused even with the right password, so the answers never tell which accounts exist.
/// The counts live in identity's PostgreSQL (<see cref="SignInFailures"/>), one row per name changed by one atomic
/// upsert, so every replica counts the same failures and a restart forgets none of them.
/// </summary>
internal sealed class AccountLockout(DemoUsers users, SignInFailures failures, IOptions<IdentityProviderOptions> options, TimeProvider clock)
{
    public async Task<SignInOutcome> SignInAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        var settings = options.Value.Lockout;
        var name = (userName ?? string.Empty).Trim();
        var now = clock.GetUtcNow();
        if (await failures.LockedUntilAsync(name, cancellationToken) is { } until && until > now)
            return new SignInOutcome.LockedOut(until - now);

        var user = users.Authenticate(name, password);
        if (user is not null)
        {
            await failures.ClearAsync(name, cancellationToken);
            return new SignInOutcome.SignedIn(user);
        }

        var lockedUntil = await failures.RecordAsync(name, now, settings.MaxFailedAttempts, settings.Duration, cancellationToken);
        return lockedUntil is { } locked && locked > now ? new SignInOutcome.LockedOut(locked - now) : new SignInOutcome.WrongCredentials();
    }
}
