using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TrustSafety.Identity.Configuration;
using TrustSafety.Identity.DemoTrust;

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
/// Kept in memory per replica (bounded): with N replicas an attacker gets at most N × the limit per period.
/// </summary>
internal sealed class AccountLockout(DemoUsers users, IOptions<IdentityProviderOptions> options, TimeProvider clock)
{
    private const int MaxTrackedNames = 100_000;
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.OrdinalIgnoreCase);

    private sealed record Failures(int Count, DateTimeOffset FirstAt, DateTimeOffset? LockedUntil);

    public SignInOutcome SignIn(string? userName, string? password)
    {
        var settings = options.Value.Lockout;
        var name = (userName ?? string.Empty).Trim();
        var now = clock.GetUtcNow();
        if (_failures.TryGetValue(name, out var seen) && seen.LockedUntil > now)
            return new SignInOutcome.LockedOut(seen.LockedUntil.Value - now);

        var user = users.Authenticate(name, password);
        if (user is not null)
        {
            _failures.TryRemove(name, out _);
            return new SignInOutcome.SignedIn(user);
        }

        if (_failures.Count >= MaxTrackedNames) Prune(now);
        var failures = _failures.AddOrUpdate(name,
            _ => new Failures(1, now, null),
            (_, f) => f.FirstAt + settings.Duration <= now || f.LockedUntil <= now ? new Failures(1, now, null) : f with { Count = f.Count + 1 });
        if (failures.Count >= settings.MaxFailedAttempts)
        {
            _failures[name] = failures with { LockedUntil = now + settings.Duration };
            return new SignInOutcome.LockedOut(settings.Duration);
        }
        return new SignInOutcome.WrongCredentials();
    }

    private void Prune(DateTimeOffset now)
    {
        var duration = options.Value.Lockout.Duration;
        foreach (var (name, f) in _failures)
            if (f.LockedUntil is { } until ? until <= now : f.FirstAt + duration <= now)
                _failures.TryRemove(name, out _);
    }
}
